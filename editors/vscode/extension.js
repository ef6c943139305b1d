// Starts the kboot language server bundled in server/ for .kboot files.
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const java = vscode.workspace.getConfiguration('kboot').get('java', 'java');
  const jar = context.asAbsolutePath(path.join('server', 'kboot-ls.jar'));
  const serverOptions = {
    command: java,
    args: ['-XX:+UseSerialGC', '-XX:-UsePerfData', '-Xshare:auto', '-jar', jar],
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'kboot' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.kboot') },
  };
  client = new LanguageClient('kboot', 'kboot language server', serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
