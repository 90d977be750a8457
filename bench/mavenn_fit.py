"""Fit one MAVE-NN model on one of its shipped datasets and save what bench/vs_mavenn.py compares.

Runs in MAVE-NN's own environment (python -m venv ENV && ENV/bin/pip install tensorflow-cpu mavenn), never gpelm's:
    ENV/bin/python bench/mavenn_fit.py DATASET GPMAP OUT.npz --epochs E --batch-size B --learning-rate LR --patience P
Writes phi and yhat on the test part, the additive (and pairwise) parameters in the uniform gauge, MAVE-NN's own
I_pred on the test part, the epochs run and the training time."""
import argparse, time
import numpy as np
import mavenn

p = argparse.ArgumentParser()
p.add_argument('dataset'); p.add_argument('gpmap'); p.add_argument('out')
p.add_argument('--epochs', type=int, default=500); p.add_argument('--batch-size', type=int, default=64)
p.add_argument('--learning-rate', type=float, default=1e-3); p.add_argument('--patience', type=int, default=25)
p.add_argument('--heteroscedasticity', type=int, default=2); p.add_argument('--seed', type=int, default=0)
a = p.parse_args()

mavenn.src.utils.set_seed(a.seed)
data = mavenn.load_example_dataset(a.dataset)
trainval, test = mavenn.split_dataset(data)
L = len(trainval['x'].iloc[0])
alphabet = {'gb1': 'protein', 'mpsa': 'rna', 'amyloid': 'protein*', 'tdp43': 'protein*'}[a.dataset]
model = mavenn.Model(L=L, alphabet=alphabet, gpmap_type=a.gpmap, regression_type='GE',
                     ge_noise_model_type='Gaussian', ge_heteroskedasticity_order=a.heteroscedasticity)
model.set_data(x=trainval['x'], y=trainval['y'], validation_flags=trainval['validation'])
start = time.time()
history = model.fit(learning_rate=a.learning_rate, epochs=a.epochs, batch_size=a.batch_size, early_stopping=True,
                    early_stopping_patience=a.patience, verbose=False, try_tqdm=False)
seconds = time.time() - start
theta = model.get_theta(gauge='uniform', unobserved_value=None)
I_pred, dI_pred = model.I_predictive(x=test['x'].values, y=test['y'].values, uncertainty=False)
np.savez(a.out, phi=model.x_to_phi(test['x'].values), yhat=model.x_to_yhat(test['x'].values), y=test['y'].values,
         theta_lc=theta['theta_lc'], theta_lclc=np.nan_to_num(theta['theta_lclc']), seconds=seconds,
         epochs=len(model.history['loss']), I_pred_mavenn=I_pred)
print(f"{a.dataset} {a.gpmap}: {seconds:.1f} s, {len(model.history['loss'])} epochs, I_pred {I_pred:.3f}")
