// Copies the language-server jar the Maven build made into server/, where the extension starts it from.
const fs = require('fs');
const path = require('path');

const target = path.join(__dirname, '..', '..', 'org.kexec.dsl.ide', 'target');
const jar = fs.existsSync(target) && fs.readdirSync(target).find((name) => /^org\.kexec\.dsl\.ide-.*-ls\.jar$/.test(name));
if (!jar) {
  console.error('copy-server: no language-server jar in ' + target + ': run mvn package first');
  process.exit(1);
}
fs.mkdirSync(path.join(__dirname, 'server'), { recursive: true });
fs.copyFileSync(path.join(target, jar), path.join(__dirname, 'server', 'kboot-ls.jar'));
