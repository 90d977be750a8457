"""The console script end to end, as a user runs it."""
import json, subprocess
import pandas as pd

def gpelm(*args, cwd=None):
    return subprocess.run(['gpelm', *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)

def test_simulate_then_fit(tmp_path):
    r = gpelm('simulate', '--out', tmp_path/'d', '--n', 800, '--loci', 12, '--va-vg', '1,0.5', '--seed', 4)
    assert r.returncode == 0, r.stderr
    assert {p.name for p in tmp_path.iterdir()} == {'d_g.txt', 'd_p.txt', 'd_eff.txt', 'd_run.json'}
    r = gpelm('fit', '--data', tmp_path/'d', '--hidden', 64, '--max-epochs', 15, '--quiet', '--out', tmp_path/'fit')
    assert r.returncode == 0, r.stderr
    perf = pd.read_csv(tmp_path/'fit'/'performance.csv')
    assert list(perf.columns) == ['trait', 'name', 'pearson', 'r2', 'narrow_h2']
    assert perf.r2.between(0.3, 1).all() and 'Table 1' in r.stdout
    run = json.loads((tmp_path/'fit'/'run.json').read_text())
    assert run['parameters']['hidden'] == 64 and run['monitor'] == 'validation' and 'gpelm_version' in run
    hist = pd.read_csv(tmp_path/'fit'/'history.csv')
    assert (hist.phase == 'select').sum() == run['timings']['epochs'] and (hist.monitor == 'validation').all()

    r = gpelm('decompose', '--data', tmp_path/'d', '--model', tmp_path/'fit'/'model.pt', '--quiet', '--out', tmp_path/'elm')
    assert r.returncode == 0, r.stderr
    files = {p.name for p in (tmp_path/'elm').iterdir()}
    assert {'performance.csv', 'additive.csv', 'variance.csv', 'pairs.csv', 'baseline.csv', 'scores.csv', 'summary.json', 'fig6_pairwise.png'} <= files
    pairs = pd.read_csv(tmp_path/'elm'/'pairs.csv')
    assert len(pairs) == 2 * 66 and pairs.est_epi_eff.notna().all() and set(pairs.trait) == {1, 2}
    summary = json.loads((tmp_path/'elm'/'summary.json').read_text())
    assert set(summary['elm']) == set(summary['ridge']) == {'1', '2'} and summary['parameters']['model'].endswith('model.pt')
    assert max(t['max_rel_error'] for t in summary['elm'].values()) < 1e-5
    assert set(pd.read_csv(tmp_path/'elm'/'baseline.csv').term) == {'additive', 'pairwise'}

def test_same_seed_same_files(tmp_path):
    for d in ('a', 'b'): assert gpelm('simulate', '--out', tmp_path/d, '--n', 100, '--loci', 6, '--H2', 0.5, '--seed', 9).returncode == 0
    for s in ('g', 'p', 'eff'): assert (tmp_path/f'a_{s}.txt').read_bytes() == (tmp_path/f'b_{s}.txt').read_bytes()

def test_bad_input_names_the_file(tmp_path):
    assert gpelm('simulate', '--out', tmp_path/'d', '--n', 100, '--loci', 6).returncode == 0
    p = tmp_path/'d_p.txt'; lines = p.read_text().splitlines(); lines[5] = lines[5] + ' 0.3'; p.write_text('\n'.join(lines) + '\n')
    r = gpelm('fit', '--data', tmp_path/'d', '--out', tmp_path/'fit', '--quiet')
    assert r.returncode == 2 and 'd_p.txt: line 6' in r.stderr and 'ragged' in r.stderr
    assert not (tmp_path/'fit'/'performance.csv').exists()
    r = gpelm('simulate', '--out', tmp_path/'e', '--H2', 1.5)
    assert r.returncode == 2 and '(0, 1]' in r.stderr

def test_plink_fileset_from_simulate_to_fit(tmp_path):
    r = gpelm('simulate', '--out', tmp_path/'pl', '--n', 400, '--loci', 8, '--va-vg', '1,0.5', '--format', 'plink')
    assert r.returncode == 0, r.stderr
    assert {'pl.bed', 'pl.bim', 'pl.fam', 'pl.pheno', 'pl_eff.txt'} <= {p.name for p in tmp_path.iterdir()}
    r = gpelm('fit', '--data', tmp_path/'pl', '--pheno', tmp_path/'pl.pheno', '--pheno-name', 'Trait2', '--hidden', 16,
              '--max-epochs', 3, '--quiet', '--out', tmp_path/'fit')
    assert r.returncode == 0, r.stderr                          # the truth of Trait2 comes along, as trait 1
    perf = pd.read_csv(tmp_path/'fit'/'performance.csv')
    assert perf.name.tolist() == ['Trait2'] and perf.narrow_h2.notna().all()
    r = gpelm('fit', '--data', tmp_path/'pl', '--hidden', 16, '--max-epochs', 3, '--quiet', '--out', tmp_path/'fam')
    assert r.returncode == 2 and 'pl.fam: column 6: holds no phenotypes' in r.stderr and '--pheno FILE' in r.stderr

def test_relative_path_parameters_are_the_callers(tmp_path, monkeypatch):
    "`gpelm pub -p data RELATIVE`: the kernel runs in --out, so a relative path is resolved against the caller's directory."
    import json, nbformat
    from gpelm.cli import main
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("data = None\nout_dir = '.'"); params.metadata['tags'] = ['parameters']
    body = nbformat.v4.new_code_cell("import json, pathlib\n"
                                     "pathlib.Path(out_dir, 'results.json').write_text(json.dumps({'data': data}))")
    nb.cells = [params, body]
    nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'python3', 'language': 'python'}
    nbformat.write(nb, tmp_path/'echo.ipynb')
    monkeypatch.chdir(tmp_path)
    assert main(['pub', '--notebook', 'echo.ipynb', '-p', 'data', 'panels/mine', '--out', 'run', '--quiet']) == 0
    assert json.loads((tmp_path/'run'/'results.json').read_text())['data'] == str(tmp_path/'panels'/'mine')

def test_screen_that_selects_no_pair_on_a_mapped_panel(tmp_path):
    "A small linked panel where the locus screen keeps fewer than two loci: an empty pairs table, not a traceback."
    import pandas as pd
    from gpelm.cli import main
    assert main(['simulate', '--out', str(tmp_path/'bc'), '--n', '250', '--loci', '174', '--qtl', '4', '--chromosomes',
                 '5', '--va-vg', '1,0.5', '--H2', '0.2', '--format', 'plink', '--seed', '0']) == 0
    assert main(['screen', '--data', str(tmp_path/'bc.bed'), '--pheno', str(tmp_path/'bc.pheno'), '--quiet',
                 '--out', str(tmp_path/'s')]) == 0
    pairs = pd.read_csv(tmp_path/'s'/'pairs.csv')
    assert {'chromosome1', 'distance', 'called'} <= set(pairs.columns)
