-- Drives the kboot language server from headless Neovim (0.7+): opens a spec, waits for diagnostics, asks for
-- completion and hover, formats, applies a quick fix, and writes what it saw as JSON to $KBOOT_OUT.
local server = vim.split(os.getenv('KBOOT_SERVER'), ' ')
local spec = os.getenv('KBOOT_SPEC')
local out = os.getenv('KBOOT_OUT')
local result = { diagnostics = {} }
local diagnosed = false

local client_id = vim.lsp.start_client({
  name = 'kboot',
  cmd = server,
  root_dir = vim.fn.fnamemodify(spec, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, params)
      -- The first diagnostics of the spec as written; later ones follow the edits below.
      if vim.uri_to_fname(params.uri) == spec and #params.diagnostics > 0 and not diagnosed then
        result.diagnostics = params.diagnostics
        diagnosed = true
      end
    end,
  },
})

vim.cmd('edit ' .. spec)
local buffer = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buffer, client_id)
local client = vim.lsp.get_client_by_id(client_id)
result.started = vim.wait(30000, function() return client.initialized end, 50)
result.diagnosed = vim.wait(30000, function() return diagnosed end, 50)

local function at(line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = line, character = character } }
end

local completion = client.request_sync('textDocument/completion', at(5, 4), 10000, buffer)
result.completion = {}
if completion and completion.result then
  for _, item in ipairs(completion.result.items or completion.result) do
    table.insert(result.completion, item.label)
  end
end

local hover = client.request_sync('textDocument/hover', at(7, 22), 10000, buffer)
result.hover = hover and hover.result and hover.result.contents.value or ''

local actions = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  range = { start = { line = 0, character = 0 }, ['end'] = { line = 12, character = 0 } },
  context = { diagnostics = result.diagnostics },
}, 10000, buffer)
result.actions = {}
for _, action in ipairs(actions and actions.result or {}) do
  table.insert(result.actions, action.title)
  if action.title == 'Align the address' then
    vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  end
end

local formatting = client.request_sync('textDocument/formatting', {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  options = { tabSize = 4, insertSpaces = true },
}, 10000, buffer)
if formatting and formatting.result then
  vim.lsp.util.apply_text_edits(formatting.result, buffer, 'utf-16')
end
result.text = table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), '\n')

local file = io.open(out, 'w')
file:write(vim.fn.json_encode(result))
file:close()
client.stop()
vim.cmd('qa!')
