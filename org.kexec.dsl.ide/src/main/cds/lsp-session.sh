#!/usr/bin/env bash
# Prints a short LSP session on stdout, framed with Content-Length headers: initialize, open a spec, ask for
# completion and hover, shut down. Used to train the language server's class-data archive.
set -euo pipefail

message() {
  printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$1" | wc -c)" "$1"
}
workspace=$(mktemp -d)
uri="file://$workspace/train.kboot"
text='kernel k { path \"vmlinuz\" }\nboot b { kernel k kind crash crash { reservation 256M } purgatory { registers { rdi = 1 } } }\n'
message '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file://'"$workspace"'","capabilities":{}}}'
message '{"jsonrpc":"2.0","method":"initialized","params":{}}'
message '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"'"$uri"'","languageId":"kboot","version":1,"text":"'"$text"'"}}}'
message '{"jsonrpc":"2.0","id":2,"method":"textDocument/completion","params":{"textDocument":{"uri":"'"$uri"'"},"position":{"line":1,"character":9}}}'
message '{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"'"$uri"'"},"position":{"line":1,"character":62}}}'
message '{"jsonrpc":"2.0","id":4,"method":"textDocument/formatting","params":{"textDocument":{"uri":"'"$uri"'"},"options":{"tabSize":4,"insertSpaces":true}}}'
sleep 3
message '{"jsonrpc":"2.0","id":5,"method":"shutdown"}'
message '{"jsonrpc":"2.0","method":"exit"}'
