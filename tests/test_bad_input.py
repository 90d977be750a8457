"""A corpus of malformed inputs and bad options, each one corruption of a small valid dataset: every one ends in one
clear error line that names the file (or option) and the place, and leaves no output behind."""
import gzip, shutil
from pathlib import Path
import h5py, numpy as np, pytest
from gpelm.cli import main

def lines(path): return Path(path).read_text().splitlines()
def write(path, rows): Path(path).write_text('\n'.join(rows) + '\n')

def replace_line(path, i, fn):
    rows = lines(path); rows[i] = fn(rows[i]); write(path, rows)

def set_cell(path, i, j, value):
    replace_line(path, i, lambda l: ' '.join(value if k == j else t for k, t in enumerate(l.split())))

def constant_trait(p):
    rows = lines(p)
    write(p, [rows[0]] + [' '.join(r.split()[:1] + ['1.0'] + r.split()[2:]) for r in rows[1:]])

def no_trait2(p):
    rows = lines(p)
    write(p, [rows[0]] + [' '.join(r.split()[:2] + ['NA'] + r.split()[3:]) for r in rows[1:]])

def monomorphic(g):
    rows = lines(g); rows[2] = ' '.join(rows[2].split()[:1] + ['1'] * (len(rows[2].split()) - 1)); write(g, rows)

def keep_individuals(prefix, n):
    write(f'{prefix}_g.txt', [' '.join(l.split()[:n + 1]) for l in lines(f'{prefix}_g.txt')])
    write(f'{prefix}_p.txt', lines(f'{prefix}_p.txt')[:n + 1])

def latin1(p): Path(p).write_bytes(Path(p).read_bytes().replace(b'Trait2', b'Tr\xe4it2'))
def gzipped(p): Path(p).write_bytes(gzip.compress(Path(p).read_bytes()))
def directory(p): Path(p).unlink(); Path(p).mkdir()
def zero_loci(g): write(g, lines(g)[:1])

# (name, corruption of PREFIX, file and place expected in the message)
TEXT_CASES = [
    ('ragged row', lambda d: replace_line(f'{d}_p.txt', 5, lambda l: l + ' 0.3'), '_p.txt: line 6'),
    ('genotype 7', lambda d: set_cell(f'{d}_g.txt', 2, 3, '7'), "_g.txt: line 3 (locus 2), individual ind3: genotype '7'"),
    ('one 2 in a haploid file', lambda d: set_cell(f'{d}_g.txt', 4, 5, '2'),
     "_g.txt: line 5 (locus 4), individual ind5: genotype 2 in a file of 0/1 genotypes"),
    ('missing phenotype', lambda d: set_cell(f'{d}_p.txt', 4, 1, 'NA'), 'pass --na mask'),
    ('1_5 as a number', lambda d: set_cell(f'{d}_p.txt', 4, 1, '1_5'), "line 5, column Trait1 (individual ind4): phenotype '1_5'"),
    ('infinite phenotype', lambda d: set_cell(f'{d}_p.txt', 4, 2, 'inf'), "phenotype 'inf' is not a finite decimal"),
    ('word as phenotype', lambda d: set_cell(f'{d}_p.txt', 4, 2, 'tall'), "phenotype 'tall'"),
    ('duplicate individual', lambda d: (set_cell(f'{d}_g.txt', 0, 2, 'ind1'), set_cell(f'{d}_p.txt', 2, 0, 'ind1')),
     "individual 'ind1': appears more than once"),
    ('duplicate locus', lambda d: set_cell(f'{d}_g.txt', 2, 0, '1'), "locus '1': appears more than once"),
    ('duplicate trait', lambda d: set_cell(f'{d}_p.txt', 0, 2, 'Trait1'), "trait 'Trait1': appears more than once"),
    ('ids out of order', lambda d: set_cell(f'{d}_p.txt', 3, 0, 'ind99'), "individual 'ind99' where d_g.txt has 'ind3'"),
    ('individual missing', lambda d: write(f'{d}_p.txt', lines(f'{d}_p.txt')[:-1]), 'individuals where d_g.txt has'),
    ('gzip bytes', lambda d: gzipped(f'{d}_g.txt'), '_g.txt: is gzip-compressed'),
    ('Latin-1 text', lambda d: latin1(f'{d}_p.txt'), '_p.txt: line 1: byte 0xe4 is not UTF-8'),
    ('directory for a file', lambda d: directory(f'{d}_g.txt'), '_g.txt: is a directory'),
    ('empty phenotype file', lambda d: write(f'{d}_p.txt', []), '_p.txt: file is empty'),
    ('zero loci', lambda d: zero_loci(f'{d}_g.txt'), 'loci: there are none'),
    ('monomorphic locus', lambda d: monomorphic(f'{d}_g.txt'), 'locus 2: is monomorphic'),
    ('constant phenotype', lambda d: constant_trait(f'{d}_p.txt'), 'trait Trait1: is constant'),
    ('six individuals', lambda d: keep_individuals(d, 6), 'test set: 1 individuals; at least 2'),
    ('one individual', lambda d: keep_individuals(d, 1), 'training set: 1 individuals'),
    ('self-pair in the truth', lambda d: set_cell(f'{d}_eff.txt', 2, 3, '2'), 'paired with itself'),
    ('fractional locus', lambda d: set_cell(f'{d}_eff.txt', 2, 1, '2.6'), "_eff.txt: line 3, column locus: '2.6' is not a whole"),
    ('truth header', lambda d: set_cell(f'{d}_eff.txt', 0, 2, 'beta'), '_eff.txt: line 1: header'),
    ('phenotype beyond float32', lambda d: set_cell(f'{d}_p.txt', 4, 1, '1e300'),
     "line 5, column Trait1 (individual ind4): phenotype 1e300 is beyond float32's range"),
    ('byte-order mark in the truth', lambda d: Path(f'{d}_eff.txt').write_bytes(b'\xef\xbb\xbf' + Path(f'{d}_eff.txt').read_bytes()),
     None),
    ('truth locus out of range', lambda d: set_cell(f'{d}_eff.txt', 2, 1, '9'), 'do not match the data'),
]

@pytest.fixture(scope='module')
def valid(tmp_path_factory):
    root = tmp_path_factory.mktemp('valid')
    assert main(['simulate', '--out', str(root/'d'), '--n', '60', '--loci', '6', '--va-vg', '1,0.5', '--seed', '3']) == 0
    assert main(['simulate', '--out', str(root/'h'), '--n', '60', '--loci', '6', '--va-vg', '1,0.5', '--format', 'hdf5']) == 0
    return root

def copy(valid, tmp_path, stem):
    for f in valid.glob(f'{stem}_*'): shutil.copy2(f, tmp_path/f.name)
    return tmp_path/stem

def status(argv) -> int:
    "gpelm's exit status for `argv`, whether argparse refused an option (SystemExit) or gpelm refused the input."
    try: return main(argv)
    except SystemExit as e: return e.code

def one_error_line(capsys, rc):
    err = [l for l in capsys.readouterr().err.splitlines() if l.strip()]
    assert rc == 2 and len(err) == 1 and 'Traceback' not in err[0], err
    return err[0]

FIT = ['--hidden', '8', '--max-epochs', '2', '--quiet']

@pytest.mark.parametrize('name,corrupt,expected', TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_corrupt_text_dataset(valid, tmp_path, capsys, name, corrupt, expected):
    d = copy(valid, tmp_path, 'd'); corrupt(d)
    rc = main(['fit', '--data', str(d), *FIT, '--out', str(tmp_path/'out')])
    if expected is None: assert rc == 0; return                 # a tricky input read correctly
    message = one_error_line(capsys, rc)
    assert message.startswith('gpelm fit: error: ') and expected in message, message
    assert not (tmp_path/'out').exists()

def test_whole_trait_missing_under_na_mask(valid, tmp_path, capsys):
    d = copy(valid, tmp_path, 'd'); no_trait2(f'{d}_p.txt')
    message = one_error_line(capsys, status(['fit', '--data', str(d), '--na', 'mask', *FIT, '--out', str(tmp_path/'o')]))
    assert 'trait Trait2: 0 observed phenotypes in the training set' in message, message

def h5_edit(path, fn):
    with h5py.File(path, 'a') as f: fn(f)

def strings(f):
    sid = list(f['strains'])[0]; del f[f'strains/{sid}/phenotype']
    f[f'strains/{sid}/phenotype'] = np.array([b'tall', b'short'])

def shared_id(h):
    with h5py.File(f'{h}_train.hdf5', 'r') as f: first = list(f['strains'])[0]
    with h5py.File(f'{h}_test.hdf5', 'a') as f: f.move(f'strains/{list(f["strains"])[0]}', f'strains/{first}')

def first_phenotype(value):
    def edit(f):
        sid = list(f['strains'])[0]; p = f[f'strains/{sid}/phenotype'][()]; p[0] = value
        f[f'strains/{sid}/phenotype'][...] = p
    return edit

HDF5_CASES = [
    ('infinite phenotype', lambda h: h5_edit(f'{h}_train.hdf5', first_phenotype(np.inf)), 'phenotype inf is not finite'),
    ('phenotype beyond float32', lambda h: h5_edit(f'{h}_train.hdf5', first_phenotype(1e300)),
     'phenotype 1e+300 is not finite in float32'),
    ('not HDF5', lambda h: Path(f'{h}_train.hdf5').write_text('qtl ind1\n'), '_train.hdf5: not a readable HDF5 file'),
    ('truncated', lambda h: Path(f'{h}_test.hdf5').write_bytes(Path(f'{h}_test.hdf5').read_bytes()[:3000]),
     '_test.hdf5: not a readable HDF5 file'),
    ('string phenotypes', lambda h: h5_edit(f'{h}_train.hdf5', strings), '/phenotype: values of type'),
    ('same id in train and test', shared_id, 'appears more than once'),
    ('missing group', lambda h: h5_edit(f'{h}_test.hdf5', lambda f: f.__delitem__('metadata/loci')),
     '_test.hdf5: group metadata/loci: missing'),
]

@pytest.mark.parametrize('name,corrupt,expected', HDF5_CASES, ids=[c[0] for c in HDF5_CASES])
def test_corrupt_hdf5_dataset(valid, tmp_path, capsys, name, corrupt, expected):
    h = copy(valid, tmp_path, 'h'); corrupt(h)
    message = one_error_line(capsys, status(['fit', '--data', str(h), '--na', 'mask', *FIT, '--out', str(tmp_path/'out')]))
    assert expected in message and '--na mask' not in message, message     # given: never suggested back
    assert not (tmp_path/'out').exists()

OPTION_CASES = [
    (['simulate', '--n', '50', '--loci', '4', '--freq', 'nan'], 'strictly between 0 and 1, not nan'),
    (['simulate', '--n', '50', '--loci', '4', '--va-vg', ''], "--va-vg '': give comma-separated numbers"),
    (['simulate', '--n', '50', '--loci', '4', '--va-vg', '1,0.5,'], "--va-vg '1,0.5,'"),
    (['simulate', '--n', '50', '--loci', '4', '--freq', '0.5,0.5'], 'freq has 2 values for 4 loci'),
    (['simulate', '--n', '5', '--loci', '4'], 'test individuals'),
    (['simulate', '--n', '50', '--loci', '4', '--H2', '1.5'], '(0, 1]'),
    (['simulate', '--n', '50', '--loci', '20', '--cross', 'f2'], 'a f2 cross needs its markers on chromosomes'),
    (['simulate', '--n', '50', '--loci', '20', '--cross', 'f2', '--chromosomes', '2', '--ploidy', '1'],
     'a f2 cross has ploidy 2, not 1'),
    (['simulate', '--n', '50', '--loci', '20', '--cross', 'ril', '--chromosomes', '2', '--freq', '0.2'],
     'allele frequencies of a ril cross follow from its design'),
]

@pytest.mark.parametrize('args,expected', OPTION_CASES, ids=[' '.join(a[1:]) for a, _ in OPTION_CASES])
def test_bad_simulate_options(tmp_path, capsys, args, expected):
    message = one_error_line(capsys, status([*args, '--out', str(tmp_path/'x')]))
    assert expected in message, message
    assert not list(tmp_path.iterdir())

def test_bad_fit_and_decompose_options(valid, tmp_path, capsys):
    d, out = str(valid/'d'), str(tmp_path/'o')
    cases = [(['fit', '--data', d, '--max-epochs', '0', '--out', out], 'max_epochs must be at least 1'),
             (['fit', '--data', d, '--learning-rate', '-1', '--out', out], 'learning_rate must be positive'),
             (['fit', '--data', str(tmp_path/'nothing'), '--out', out], 'no dataset: looked for')]
    (tmp_path/'junk.pt').write_text('not a model')
    cases.append((['decompose', '--data', d, '--model', str(tmp_path/'junk.pt'), '--out', out], 'junk.pt: not a gpelm model'))
    (tmp_path/'a_file').write_text('x')
    cases += [(['fit', '--data', d, *FIT, '--out', str(tmp_path/'a_file')], 'a_file: exists and is not a directory'),
              (['fit', '--data', d, *FIT, '--out', str(tmp_path/'a_file'/'sub')], 'cannot write there')]
    (tmp_path/'mine').mkdir(); (tmp_path/'mine'/'notes.txt').write_text('mine')
    cases.append((['fit', '--data', d, *FIT, '--out', str(tmp_path/'mine')], 'gpelm did not write'))
    for args, expected in cases:
        message = one_error_line(capsys, status(args))
        assert expected in message, (args, message)
    assert not (tmp_path/'o').exists() and (tmp_path/'mine'/'notes.txt').read_text() == 'mine'
    with pytest.raises(SystemExit) as e: main(['decompose', '--data', d, '--max-samples', '0', '--out', out])
    assert e.value.code == 2 and 'is not a positive whole number' in capsys.readouterr().err
    for option, value, expected in (('--fdr', '1.5', '(0, 1)'), ('--locus-fdr', '0', '(0, 1)'),
                                    ('--partner-alpha', '-0.1', '[0, 1)')):
        with pytest.raises(SystemExit) as e: main(['screen', '--data', d, option, value, '--out', out])
        assert e.value.code == 2 and f"{option}: '{value}' is not a number in {expected}" in capsys.readouterr().err

def test_a_failed_rerun_leaves_the_earlier_run_as_it_was(valid, tmp_path, capsys):
    out = tmp_path/'run'
    assert main(['fit', '--data', str(valid/'d'), *FIT, '--out', str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    one_error_line(capsys, status(['fit', '--data', str(valid/'d'), '--max-epochs', '0', '--quiet', '--out', str(out)]))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ['run']             # no temporary sibling left either


# --- Issue 23: inputs that were read silently wrong; each now ends in one clear line, or is read correctly ---

@pytest.fixture(scope='module')
def plink_set(tmp_path_factory):
    "A valid diploid PLINK fileset with a phenotype table, to corrupt."
    root = tmp_path_factory.mktemp('plinkset')
    assert main(['simulate', '--out', str(root/'p'), '--n', '80', '--loci', '8', '--va-vg', '1,0.5', '--ploidy', '2',
                 '--format', 'plink', '--seed', '4']) == 0
    return root

def copy_plink(plink_set, tmp_path):
    for f in plink_set.glob('p*'): shutil.copy2(f, tmp_path/f.name)
    return tmp_path/'p'

def test_minus_nine_written_as_a_decimal_is_missing(plink_set, tmp_path, capsys):
    p = copy_plink(plink_set, tmp_path)
    rows = lines(f'{p}.pheno'); cells = rows[5].split(); cells[2] = '-9.0'; rows[5] = ' '.join(cells); write(f'{p}.pheno', rows)
    message = one_error_line(capsys, status(['fit', '--data', str(p), '--pheno', f'{p}.pheno', *FIT, '--out', str(tmp_path/'o')]))
    assert 'pass --na mask' in message, message               # read as missing, as PLINK reads it, not as the value −9

@pytest.mark.parametrize('individuals,change,expected', [
    (80, 'short', 'holds genotypes beyond the 79 individuals of the .fam'),     # the last byte's slot holds data
    (80, 'longer', 'does not belong to this .bed'),                               # 81 need another byte per variant
    (79, 'longer', "reads as the .bed's padding at all"),                         # same size: the padding read as data
    (77, 'short', 'does not belong to this .bed')])
def test_fam_that_does_not_fit_the_bed(tmp_path, capsys, individuals, change, expected):
    assert main(['simulate', '--out', str(tmp_path/'p'), '--n', str(individuals), '--loci', '12', '--va-vg', '1,0.5',
                 '--ploidy', '2', '--format', 'plink', '--seed', '4']) == 0
    p = tmp_path/'p'
    rows = lines(f'{p}.fam')
    write(f'{p}.fam', rows[:-1] if change == 'short' else rows + ['extra extra 0 0 0 -9'])
    message = one_error_line(capsys, status(['fit', '--data', str(p), '--pheno', f'{p}.pheno', *FIT, '--out', str(tmp_path/'o')]))
    assert expected in message, message

@pytest.mark.parametrize('line,expected', [
    (lambda r: r[:5], "p.bim: line 2: 5 fields where a .bim line has 6"),
    (lambda r: r[:3] + ['12abc'] + r[4:], "p.bim: line 2 (variant 2): bp position '12abc' is not a whole number")])
def test_bim_lines_gpelm_cannot_read(plink_set, tmp_path, capsys, line, expected):
    p = copy_plink(plink_set, tmp_path)
    replace_line(f'{p}.bim', 1, lambda l: ' '.join(line(l.split())))
    message = one_error_line(capsys, status(['fit', '--data', str(p), '--pheno', f'{p}.pheno', *FIT, '--out', str(tmp_path/'o')]))
    assert expected in message, message

def test_plink_text_files_separated_by_spaces_are_read(plink_set, tmp_path):
    p = copy_plink(plink_set, tmp_path)
    for suffix in ('bim', 'fam'): write(f'{p}.{suffix}', [' '.join(l.split()) for l in lines(f'{p}.{suffix}')])
    assert main(['fit', '--data', str(p), '--pheno', f'{p}.pheno', *FIT, '--out', str(tmp_path/'o')]) == 0

def test_maf_that_would_drop_a_causal_locus_names_the_data(plink_set, tmp_path, capsys):
    p = copy_plink(plink_set, tmp_path)
    message = one_error_line(capsys, status(['fit', '--data', str(p), '--pheno', f'{p}.pheno', '--maf', '0.49', *FIT,
                                           '--out', str(tmp_path/'o')]))
    assert f'{p}: locus' in message and 'carries a true effect in the truth table but would be dropped' in message, message

def vcf_with(tmp_path, first, second):
    "A 4-sample VCF of two biallelic variants with these calls, and its phenotypes."
    rows = ['##fileformat=VCFv4.2', '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
            '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ts1\ts2\ts3\ts4']
    for v, calls in enumerate([first, second], 1):
        rows.append('\t'.join(['1', str(100 * v), f'v{v}', 'A', 'G', '.', 'PASS', '.', 'GT'] + calls))
    write(tmp_path/'x.vcf', rows)
    write(tmp_path/'x.pheno', ['FID IID y'] + [f's{i} s{i} {v}' for i, v in zip(range(1, 5), (0.1, 0.5, -0.2, 0.9))])
    return tmp_path/'x.vcf', tmp_path/'x.pheno'

@pytest.mark.parametrize('first,second,expected', [
    (['0/2', '0/1', '1/1', '0/0'], ['0/1', '0/0', '1/1', '0/1'],
     'variant v1, sample s1: call names allele 2, but the variant has one alternative allele'),
    (['2/2', '0/1', '1/1', '0/0'], ['0/1', '0/0', '1/1', '0/1'],
     'variant v1, sample s1: call names allele 2, but the variant has one alternative allele'),
    (['0/1/0', '0/0/1', '1/1/1', '0/0/0'], ['0/1/1', '0/0/0', '1/1/0', '0/1/0'], 'variant v1: calls of ploidy 3')])
def test_vcf_calls_gpelm_cannot_read(tmp_path, capsys, first, second, expected):
    vcf, pheno = vcf_with(tmp_path, first, second)
    message = one_error_line(capsys, status(['fit', '--data', str(vcf), '--pheno', str(pheno), *FIT, '--out', str(tmp_path/'o')]))
    assert expected in message, message

def test_an_all_missing_locus_is_named_so(plink_set, tmp_path):
    from bed_reader import open_bed, to_bed
    p = copy_plink(plink_set, tmp_path)
    with open_bed(f'{p}.bed') as b: dosage, props = b.read(), {'iid': b.iid, 'fid': b.fid, 'sid': b.sid,
                                                               'bp_position': b.bp_position, 'chromosome': b.chromosome}
    dosage[:, 2] = np.nan
    to_bed(f'{p}.bed', dosage, properties=props)
    (tmp_path/'p_eff.txt').unlink()                       # every simulated locus is causal: no truth to keep
    assert main(['fit', '--data', str(p), '--pheno', f'{p}.pheno', '--impute', 'mean', *FIT, '--out', str(tmp_path/'o')]) == 0
    dropped = (tmp_path/'o'/'dropped_loci.csv').read_text().splitlines()
    assert len(dropped) == 2 and dropped[1].endswith('no observed genotype'), dropped

def covar_file(valid, tmp_path, column):
    ids = [l.split()[0] for l in lines(valid/'d_p.txt')[1:]]
    write(tmp_path/'c.covar', ['FID IID z w'] + [f'{i} {i} {column(k, len(ids))}' for k, i in enumerate(ids)])
    return tmp_path/'c.covar'

@pytest.mark.parametrize('column,expected', [
    (lambda k, n: f'F {k}', "column z: is constant ('F' for every individual)"),
    (lambda k, n: f"{'late' if k >= n - 3 else 'early'} {k}", 'term z=late: takes one value on every training individual'),
    (lambda k, n: f'cage{k % (n - 10)} {k}', 'too many levels'),                 # a level per training individual
    (lambda k, n: f'{k % 5} {2 * (k % 5)}', 'have rank 2'),                      # w = 2z
    (lambda k, n: f"{'inf' if k == 3 else k} {k % 3}", "individual 'ind4', column z: covariate 'inf' is not finite")])
def test_covariates_that_cannot_be_fitted(valid, tmp_path, capsys, column, expected):
    covar = covar_file(valid, tmp_path, column)
    message = one_error_line(capsys, status(['fit', '--data', str(valid/'d'), '--covar', str(covar), *FIT,
                                           '--out', str(tmp_path/'o')]))
    assert expected in message, message

def test_a_model_fitted_on_other_loci_is_refused(valid, tmp_path, capsys):
    d = copy(valid, tmp_path, 'd')
    assert main(['fit', '--data', str(d), *FIT, '--out', str(tmp_path/'fit')]) == 0
    g = lines(f'{d}_g.txt'); g[1], g[2] = g[2], g[1]; write(f'{d}_g.txt', g)   # the same loci in another order
    e = tmp_path/'d_eff.txt'; e.unlink()                                         # (the truth would not match either)
    message = one_error_line(capsys, status(['decompose', '--data', str(d), '--model', str(tmp_path/'fit'/'model.pt'),
                                           '--quiet', '--out', str(tmp_path/'o')]))
    assert 'model.pt: fitted on other data: locus 1 is' in message, message

@pytest.mark.parametrize('option', [['--maf', '0.05'], ['--covar', 'nowhere.covar'], ['--impute', 'mean'], ['--pcs', '3']])
def test_data_options_without_data(tmp_path, capsys, option):
    message = one_error_line(capsys, status(['fit', *option, *FIT, '--out', str(tmp_path/'o')]))
    assert f'{option[0]}: acts on --data, which is not given' in message, message
    assert not list(tmp_path.iterdir())


# --- Issue 23: inputs that ended in a traceback; each now ends in one line ---

VCF_HEAD = ['##fileformat=VCFv4.2', '##contig=<ID=1>']
SAMPLES = '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ts1\ts2'

@pytest.mark.parametrize('body,expected', [
    (['#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO', '1\t100\tv1\tA\tG\t.\tPASS\t.'],
     'header: names no samples (a sites-only file)'),
    (['##FORMAT=<ID=DS,Number=1,Type=Float,Description="dosage">', SAMPLES, '1\t100\tv1\tA\tG\t.\tPASS\t.\tDS\t0.5\t1.2'],
     'variant v1: has no GT field (FORMAT DS)'),
    (['##FORMAT=<ID=GT,Number=1,Type=String,Description="call">', SAMPLES, '1\t100\tv1\tA\tG\t.\tPASS\t.\tGT\t0/1\t1/1',
      '1\t200\tv2\tA\tG\t.\tPA'], 'the record after variant v1: cannot be parsed')])
def test_vcf_that_cannot_be_read(tmp_path, capsys, body, expected):
    (tmp_path/'x.vcf').write_text('\n'.join(VCF_HEAD + body) + ('' if body[-1].endswith('PA') else '\n'))
    write(tmp_path/'x.pheno', ['FID IID y', 's1 s1 1', 's2 s2 2'])
    message = one_error_line(capsys, status(['fit', '--data', str(tmp_path/'x.vcf'), '--pheno', str(tmp_path/'x.pheno'),
                                           *FIT, '--out', str(tmp_path/'o')]))       # htslib's own lines silenced
    assert expected in message, message

@pytest.mark.parametrize('option,value,expected', [('--learning-rate', 'inf', 'learning_rate must be positive and finite'),
                                                   ('--weight-decay', 'inf', 'weight_decay must be at least 0 and finite'),
                                                   ('--learning-rate', '1e10', 'training diverged: the training loss is nan')])
def test_training_settings_that_cannot_train(valid, tmp_path, capsys, option, value, expected):
    settings = ['--hidden', '64', '--max-epochs', '3', '--quiet']          # wide enough for 1e10 to overflow
    message = one_error_line(capsys, status(['fit', '--data', str(valid/'d'), option, value, *settings, '--out', str(tmp_path/'o')]))
    assert expected in message, message
    assert not (tmp_path/'o').exists()

@pytest.mark.parametrize('text,expected', [('- a\n- b\n', 'holds a list, not a mapping'),
                                           ('hello\n', 'holds a str, not a mapping'),
                                           ('grid:\n  a: [1, 2\n  b: 3\n', "line 3, column 4: not valid YAML (expected ',' or ']'")])
def test_grid_files_that_are_not_grids(tmp_path, capsys, text, expected):
    (tmp_path/'g.yaml').write_text(text)
    message = one_error_line(capsys, status(['batch', '--grid', str(tmp_path/'g.yaml'), '--out', str(tmp_path/'b')]))
    assert expected in message, message

@pytest.mark.parametrize('args,expected', [
    (['fit', '--seed', '123456789012345678901'], "--seed: '123456789012345678901' is not a whole number in [0, 2**63)"),
    (['fit', '--hidden', 'x'], "argument --hidden: invalid int value: 'x'"),
    (['simulate', '--cross', 'f3', '--chromosomes', '2'], "argument --cross: invalid choice: 'f3'"),
    (['simulate', '--chromosomes', '2', '--chromosome-cm', '0'], "argument --chromosome-cm: '0' is not a number above 0"),
    (['decompose', '--max-samples', '1', '--hidden', '8', '--max-epochs', '1', '--quiet'],
     'max_samples must be at least 2')])
def test_bad_options_end_in_one_line(tmp_path, capsys, args, expected):
    "argparse's usage lines no longer come before the error: the error is the only line."
    try: rc = main([*args, '--out', str(tmp_path/'o')])
    except SystemExit as e: rc = e.code
    message = one_error_line(capsys, rc)
    assert expected in message, message
    assert not (tmp_path/'o').exists()

SEQUENCE_ROWS = ['set,x,y'] + [f'{s},{seq},{y}' for s, seq, y in
                 [('training', 'ACGU', 0.1), ('training', 'ACGA', 0.4), ('training', 'UCGA', 0.3), ('training', 'GCGA', 0.9),
                  ('validation', 'ACCU', 0.2), ('validation', 'ACGG', 0.5), ('test', 'AAGU', 0.7), ('test', 'CCGU', 0.8)]]

@pytest.mark.parametrize('name,change,expected', [
    ('unequal lengths', lambda rows: rows[:3] + ['training,ACG,0.2'] + rows[4:], 's.csv: line 4: sequence of length 3'),
    ('character outside the alphabet', lambda rows: rows[:3] + ['training,ACXU,0.2'] + rows[4:],
     "s.csv: line 4, position 3: character 'X' is not in the rna alphabet"),
    ('empty test part', lambda rows: [r for r in rows if not r.startswith('test')], 's.csv: set: the test part is empty'),
    ('no validation part', lambda rows: [r for r in rows if not r.startswith('validation')], 's.csv: the validation part is empty'),
    ('measurement that is no number', lambda rows: rows[:2] + ['training,ACGA,high'] + rows[3:],
     "s.csv: line 3: y 'high' is not a finite number")])
def test_sequence_tables_that_cannot_be_read(tmp_path, capsys, name, change, expected):
    write(tmp_path/'s.csv', change(list(SEQUENCE_ROWS)))
    message = one_error_line(capsys, status(['sequence', '--data', str(tmp_path/'s.csv'), '--alphabet', 'rna', '--max-epochs', '1',
                                             '--quiet', '--out', str(tmp_path/'o')]))
    assert expected in message, message
    assert not (tmp_path/'o').exists()

@pytest.mark.parametrize('args,expected', [(['--gauge', 'hierarchical'], "argument --gauge: gauge must be one of 'uniform', 'empirical', 'wildtype', not 'hierarchical'"),
                                           (['--wild-type', 'ACGU'], "--wild-type 'ACGU' is read only with --gauge wildtype"),
                                           (['--gauge', 'wildtype', '--wild-type', 'ACG'], "--wild-type 'ACG': wild type of length 3"),
                                           (['--gauge', 'wildtype', '--wild-type', 'ACGT'], "character 'T' is not in the rna alphabet")])
def test_gauges_that_do_not_exist(tmp_path, capsys, args, expected):
    write(tmp_path/'s.csv', SEQUENCE_ROWS)
    message = one_error_line(capsys, status(['sequence', '--data', str(tmp_path/'s.csv'), *args, '--quiet', '--out', str(tmp_path/'o')]))
    assert expected in message, message
    assert not (tmp_path/'o').exists()
