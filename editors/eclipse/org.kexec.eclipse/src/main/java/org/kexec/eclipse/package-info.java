/**
 * kboot in Eclipse: {@code .kboot} files open in the Generic Editor, and every feature (problem markers, completion,
 * hover, go to definition, outline, formatting, folding, highlighting) is served by kboot's language server, which
 * {@link org.kexec.eclipse.LanguageServerProcess} starts and talks to through lsp4j. Nothing here knows kboot's
 * language: the server does; keyword colours come from the TextMate grammar VS Code uses.
 */
package org.kexec.eclipse;
