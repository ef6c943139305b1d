// The build failed at kboot:check with kbootc's own line for the error, and wrote nothing.
def log = new File(basedir, 'build.log').text
def spec = new File(basedir, 'src/main/kboot/broken.kboot').path
assert log.contains('[ERROR] ' + spec + ':12:35: error: A 16550 UART runs at 115200 divided by a whole number, so baud 12345'
        + ' is impossible: use 115200, 57600, 38400, 19200 or 9600. [org.kexec.dsl.consoleBaud]')
assert log.contains('kboot check failed: 1 error, 0 warnings in 1 file')
assert !new File(basedir, 'target/kboot').exists()
