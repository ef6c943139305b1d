// The three goals ran in their phases and wrote what kbootc writes.
def log = new File(basedir, 'build.log').text
def boot = new File(basedir, 'target/kboot/sample.smoke.probe_boot')
assert new File(boot, 'boot.json').isFile()
assert new File(boot, 'loader.jar').isFile()
assert new File(boot, 'purgatory-table.bin').length() == 520
def review = new File(basedir, 'target/kboot-review')
assert new File(review, 'sample.smoke.probe_boot.html').text.contains('<svg xmlns="http://www.w3.org/2000/svg" class="memory-map"')
assert new File(review, 'index.md').text.contains('| `sample.smoke.probe_boot` | default | linux | kexec\\_load | plans | 0 |')
assert log.contains('[INFO] kbootc: 0 errors, 0 warnings in 1 file')
assert log.contains('[INFO] kbootc: compiled 1 boot from 1 file into ' + new File(basedir, 'target/kboot').path)
assert log.contains('[INFO] kbootc: reviewed 1 boot into ' + new File(basedir, 'target/kboot-review').path)
