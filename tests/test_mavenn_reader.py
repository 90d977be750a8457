"""gpelm's reader of MAVE-NN's dataset CSVs against MAVE-NN's own loader, on slices of its four shipped datasets:
tests/fixtures/ holds each slice and what MAVE-NN made of it (its split into training + validation and test, its
validation flags, its one-hot encoding), written by tests/fixtures/mavenn_slices.py in MAVE-NN's environment."""
import numpy as np
import pytest
from gpelm.sequences import read_sequence_table

DATASETS = {'mpsa': 'rna', 'gb1': 'protein', 'amyloid': 'protein*', 'tdp43': 'protein*'}    # as bench/vs_mavenn.py

@pytest.mark.parametrize('name', DATASETS)
def test_reader_agrees_with_mavenn(root, name):
    here = root/'tests'/'fixtures'
    theirs = np.load(here/f'{name}.npz')
    data = read_sequence_table(here/f'{name}.csv.gz', DATASETS[name])
    n_trainval, L = theirs['shape_trainval']
    unpack = lambda bits, n: np.unpackbits(bits)[:n * L * data.C].reshape(n, L, data.C)
    for names, y, ohe in ((('training', 'validation'), theirs['y_trainval'], theirs['ohe_trainval']),
                          (('test',), theirs['y_test'], theirs['ohe_test'])):
        part = data.part(*names)
        np.testing.assert_array_equal(part.y, y)
        np.testing.assert_array_equal(part.x().numpy().astype(np.uint8), unpack(ohe, len(y)))
    np.testing.assert_array_equal(data.part('training', 'validation').split == 'validation', theirs['validation'])
    assert len(data.part('training', 'validation')) == n_trainval and data.L == L
