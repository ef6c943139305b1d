package org.kexec.eclipse.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.preference.IPreferencePage;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.eclipse.ui.texteditor.MarkerUtilities;
import org.eclipse.ui.views.contentoutline.ContentOutline;

/**
 * Runs when the workbench has started and the system property {@code kboot.eclipse.scenario} names an output
 * file: opens the {@code fleet} project's specs in kboot's editor, drives each feature as a user would, writes one
 * line per observation (or {@code FAIL step: why} and stops), takes screenshots beside the output, and closes the
 * workbench.
 */
public final class WorkbenchScenario implements IStartup {

    private static final String MARKER = "org.kexec.eclipse.problem";
    private static final long SERVER_MILLIS = 30_000;
    private static final long ANSWER_MILLIS = 10_000;

    private final List<String> lines = new ArrayList<>();
    private Path output;
    private Display display;

    @Override
    public void earlyStartup() {
        String property = System.getProperty("kboot.eclipse.scenario");
        if (property == null) {
            return;
        }
        output = Path.of(property);
        display = PlatformUI.getWorkbench().getDisplay();
        try {
            run();
            lines.add("done");
        } catch (StepFailed e) {
            lines.add("FAIL " + e.getMessage());
        } catch (Exception | LinkageError e) {
            lines.add("FAIL scenario: " + e);
        } finally {
            try {
                Files.write(output, lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                e.printStackTrace();
            }
            display.asyncExec(() -> PlatformUI.getWorkbench().close());
        }
    }

    private void run() throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("fleet");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        IFile kdump = project.getFile("kdump.kboot");
        ITextEditor editor = ui(() -> (ITextEditor) IDE.openEditor(page(), kdump, true));
        lines.add("editor: " + ui(() -> editor.getSite().getId()));
        ISourceViewer viewer = ui(() -> (ISourceViewer) editor.getAdapter(ITextOperationTarget.class));
        IDocument document = ui(() -> editor.getDocumentProvider().getDocument(editor.getEditorInput()));

        long opened = System.nanoTime();
        List<String> markers = waitFor("marker", SERVER_MILLIS, () -> {
            List<String> shown = errorLines(kdump);
            return shown.isEmpty() ? null : shown;
        });
        lines.add("first marker after open: " + (System.nanoTime() - opened) / 1_000_000 + " ms");
        markers.forEach(line -> lines.add("marker: " + line));
        // The annotations as first seen: a republished diagnostic replaces its marker, and for a moment neither shows.
        List<String> annotations = waitFor("annotation", ANSWER_MILLIS, () -> {
            List<String> shown = ui(() -> annotations(editor));
            return shown.isEmpty() ? null : shown;
        });
        annotations.forEach(annotation -> lines.add("annotation: " + annotation));
        screenshot("1-error.png");

        waitFor("folding", ANSWER_MILLIS, () -> ui(() -> folds(viewer, document)).isEmpty() ? null : true);
        lines.add("folds: " + ui(() -> folds(viewer, document)));

        // Read after folding, which redraws the whole text.
        String text = document.get();
        // The grammar leaves a reference plain; only the server's semantic tokens colour it.
        int reference = text.indexOf("kernel vmlinuz") + "kernel ".length();
        waitFor("semantic highlighting", ANSWER_MILLIS, () -> "plain".equals(ui(() -> style(viewer, reference))) ? null : true);
        for (String word : List.of("\nboot", "crash_kernel", "vmlinuz", "kexec_load", "0x3f8", "\"console=ttyS0,115200\"", "// A kdump")) {
            int offset = text.indexOf(word) + (word.startsWith("\n") ? 1 : 0);
            lines.add("style " + word.strip() + ": " + ui(() -> style(viewer, offset)));
        }

        ui(() -> page().showView("org.eclipse.ui.views.ContentOutline"));
        waitFor("outline", ANSWER_MILLIS, () -> ui(this::outline).isEmpty() ? null : true);
        ui(this::outline).forEach(line -> lines.add("outline: " + line));
        screenshot("2-outline.png");
        ui(() -> {
            page().activate(editor);
            return null;
        });

        int linux = text.indexOf("linux", text.indexOf("target ")) ;
        ui(() -> {
            viewer.setSelectedRange(linux, 0);
            ((ITextOperationTarget) viewer).doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
            return null;
        });
        List<String> proposals = waitFor("completion", ANSWER_MILLIS, () -> ui(this::proposalPopup));
        lines.add("completion after 'target ': " + String.join(", ", proposals));
        screenshot("3-completion.png");
        ui(() -> {
            popups().forEach(Shell::close);
            return null;
        });

        int size = text.indexOf("256M", text.indexOf("reservation"));
        lines.add("hover 256M: " + hover(viewer, size));

        int vmlinuz = text.indexOf("vmlinuz");
        ui(() -> {
            viewer.setSelectedRange(vmlinuz + 2, 0);
            handlers().executeCommand("org.eclipse.ui.edit.text.open.hyperlink", null);
            return null;
        });
        String definition = waitFor("definition", ANSWER_MILLIS, () -> ui(() -> {
            if (!(page().getActiveEditor() instanceof ITextEditor target) || target == editor) {
                return null;
            }
            IDocument targetDocument = target.getDocumentProvider().getDocument(target.getEditorInput());
            ITextSelection selection = (ITextSelection) target.getSelectionProvider().getSelection();
            return target.getEditorInput().getName() + " line " + (selection.getStartLine() + 1) + " selects '"
                    + targetDocument.get(selection.getOffset(), selection.getLength()) + "'";
        }));
        lines.add("definition of vmlinuz: " + definition);
        ui(() -> {
            page().activate(editor);
            return null;
        });

        int baud = text.indexOf("115201") + "115201".length();
        ui(() -> {
            viewer.setSelectedRange(baud, 0);
            viewer.getTextWidget().setFocus();
            return null;
        });
        press(SWT.BS, '\b');
        long typed = press(0, '0');
        // Typing shows completion on its own, as the Generic Editor does; a user would dismiss it.
        waitFor("marker removal", SERVER_MILLIS, () -> errors(kdump).isEmpty() ? true : null);
        long latency = (System.nanoTime() - typed) / 1_000_000;
        lines.add("line 24 after typing: " + ui(() -> document.get(document.getLineOffset(23), document.getLineLength(23))).strip());
        lines.add("markers after the fix: " + errors(kdump).size());
        lines.add("keystroke to marker update: " + latency + " ms");
        waitFor("annotation removal", ANSWER_MILLIS, () -> ui(() -> annotations(editor)).isEmpty() ? true : null);
        lines.add("annotations after the fix: 0");
        press(SWT.ESC, SWT.ESC);
        screenshot("5-fixed.png");

        IFile messy = project.getFile("messy.kboot");
        ITextEditor messyEditor = ui(() -> (ITextEditor) IDE.openEditor(page(), messy, true));
        IDocument messyDocument = ui(() -> messyEditor.getDocumentProvider().getDocument(messyEditor.getEditorInput()));
        String before = messyDocument.get();
        waitFor("formatting", ANSWER_MILLIS, () -> ui(() -> {
            handlers().executeCommand("org.kexec.eclipse.format", null);
            return messyDocument.get().equals(before) ? null : true;
        }));
        messyDocument.get().lines().forEach(line -> lines.add("formatted: " + line));
        screenshot("6-formatted.png");

        PreferenceDialog preferences = ui(() -> {
            PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(page().getWorkbenchWindow().getShell(),
                    "org.kexec.eclipse.preferences", null, null);
            dialog.setBlockOnOpen(false);
            dialog.open();
            return dialog;
        });
        IPreferencePage kboot = ui(() -> (IPreferencePage) preferences.getSelectedPage());
        lines.add("preferences: " + ui(kboot::getTitle) + ": " + ui(() -> labelsAndFields(kboot.getControl())));
        screenshot("7-preferences.png", preferences.getShell());
        ui(preferences::close);

        // A server that dies is started again by the next request, and gets the open documents.
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine().orElse("").contains("kboot-ls")).toList();
        lines.add("servers running: " + servers.size());
        servers.forEach(ProcessHandle::destroyForcibly);
        waitFor("server exit", ANSWER_MILLIS, () -> servers.stream().anyMatch(ProcessHandle::isAlive) ? null : true);
        ui(() -> {
            page().activate(editor);
            viewer.setSelectedRange(baud, 0);
            viewer.getTextWidget().setFocus();
            return null;
        });
        press(0, '1');
        // The new server first reports the files it finds on disk (still baud 115201 there), then the editor's text.
        List<String> again = waitFor("marker after the server died", SERVER_MILLIS,
                () -> {
                    List<String> shown = errorLines(kdump);
                    return shown.stream().anyMatch(line -> line.contains("1152001")) ? shown : null;
                });
        press(SWT.ESC, SWT.ESC);
        again.forEach(line -> lines.add("marker from the new server: " + line));
        ui(() -> page().saveAllEditors(false));
    }

    /** The kboot error markers of a file as they stand, each as its line and message. */
    private static List<String> errorLines(IFile file) throws CoreException {
        List<String> found = new ArrayList<>();
        for (IMarker marker : errors(file)) {
            Object line = marker.getAttribute(IMarker.LINE_NUMBER);
            Object message = marker.getAttribute(IMarker.MESSAGE);
            if (marker.exists() && line != null && message != null) {
                found.add(line + ": " + message);
            }
        }
        return found;
    }

    /** The kboot error markers of a file. */
    private static List<IMarker> errors(IFile file) throws CoreException {
        List<IMarker> errors = new ArrayList<>();
        for (IMarker marker : file.findMarkers(MARKER, true, IResource.DEPTH_ZERO)) {
            if (marker.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR) {
                errors.add(marker);
            }
        }
        errors.sort(Comparator.comparingInt(marker -> marker.getAttribute(IMarker.LINE_NUMBER, -1)));
        return errors;
    }

    /**
     * The editor's annotations that stand for kboot markers: type, line and text. An annotation reads its marker's type
     * and text from the marker, which a republished diagnostic deletes at any moment (its replacement is on its way):
     * each is read once, and an annotation whose marker is gone is left out.
     */
    private static List<String> annotations(ITextEditor editor) throws Exception {
        IAnnotationModel model = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        List<String> found = new ArrayList<>();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation annotation = it.next();
            if (!(annotation instanceof MarkerAnnotation marker) || annotation.isMarkedDeleted()
                    || !annotation.getType().endsWith(".error")) {
                continue;
            }
            String type = MarkerUtilities.getMarkerType(marker.getMarker());
            String text = annotation.getText();
            Position position = model.getPosition(annotation);
            if (MARKER.equals(type) && text != null && position != null) {
                found.add(annotation.getType() + " line " + (document.getLineOfOffset(position.getOffset()) + 1) + ": " + text);
            }
        }
        return found;
    }

    /** The colour and font style the editor shows at an offset. */
    private static String style(ISourceViewer viewer, int offset) {
        StyledText widget = viewer.getTextWidget();
        StyleRange range = widget.getStyleRangeAtOffset(((org.eclipse.jface.text.ITextViewerExtension5) viewer).modelOffset2WidgetOffset(offset));
        if (range == null || range.foreground == null) {
            return "plain";
        }
        String font = (range.fontStyle & SWT.BOLD) != 0 ? " bold" : (range.fontStyle & SWT.ITALIC) != 0 ? " italic" : "";
        return "rgb(" + range.foreground.getRed() + "," + range.foreground.getGreen() + "," + range.foreground.getBlue() + ")" + font;
    }

    /** The folding regions, as 1-based line ranges. */
    private static List<String> folds(ISourceViewer viewer, IDocument document) throws Exception {
        var model = ((ProjectionViewer) viewer).getProjectionAnnotationModel();
        List<String> folds = new ArrayList<>();
        if (model == null) {
            return folds;
        }
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Position position = model.getPosition(it.next());
            int end = position.getOffset() + Math.max(0, position.getLength() - 1);
            folds.add((document.getLineOfOffset(position.getOffset()) + 1) + "-" + (document.getLineOfOffset(end) + 1));
        }
        folds.sort(Comparator.comparingInt((String fold) -> Integer.parseInt(fold.substring(0, fold.indexOf('-')))));
        return folds;
    }

    /** The Outline view's tree, one line per item, indented by depth. */
    private List<String> outline() {
        List<String> items = new ArrayList<>();
        if (page().findView("org.eclipse.ui.views.ContentOutline") instanceof ContentOutline view
                && view.getCurrentPage() != null && view.getCurrentPage().getControl() instanceof Tree tree) {
            for (TreeItem item : tree.getItems()) {
                collect(item, "", items);
            }
        }
        return items;
    }

    private static void collect(TreeItem item, String indent, List<String> items) {
        items.add(indent + item.getText());
        for (TreeItem child : item.getItems()) {
            collect(child, indent + "  ", items);
        }
    }

    /** The entries of the content-assist popup, when it shows. */
    private List<String> proposalPopup() {
        for (Shell shell : popups()) {
            for (Table table : tables(shell)) {
                List<String> items = Arrays.stream(table.getItems()).map(TableItem::getText).toList();
                // Asynchronous assist shows "Computing proposals" until the answer is in.
                if (!items.isEmpty() && items.stream().noneMatch(item -> item.isEmpty() || item.startsWith("Computing"))) {
                    return items;
                }
            }
        }
        return null;
    }

    private static List<Table> tables(Control control) {
        List<Table> tables = new ArrayList<>();
        if (control instanceof Table table) {
            tables.add(table);
        } else if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                tables.addAll(tables(child));
            }
        }
        return tables;
    }

    /** The hover text the editor shows for the name at an offset, through Show Tooltip Description (F2). */
    private String hover(ISourceViewer viewer, int offset) throws Exception {
        ui(() -> {
            viewer.setSelectedRange(offset, 0);
            handlers().executeCommand("org.eclipse.ui.edit.text.showInformation", null);
            return null;
        });
        String shown = waitFor("hover", ANSWER_MILLIS, () -> ui(() -> popups().stream().flatMap(shell -> texts(shell).stream())
                .filter(text -> !text.isBlank()).findFirst().orElse(null)));
        screenshot("4-hover.png");
        ui(() -> {
            popups().forEach(Shell::close);
            return null;
        });
        return shown;
    }

    /** The visible shells other than the workbench window: content assist, hovers. */
    private List<Shell> popups() {
        return Arrays.stream(display.getShells())
                .filter(shell -> shell.isVisible() && shell != page().getWorkbenchWindow().getShell()).toList();
    }

    private static List<String> texts(Control control) {
        List<String> texts = new ArrayList<>();
        if (control instanceof StyledText styled) {
            texts.add(styled.getText());
        } else if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                texts.addAll(texts(child));
            }
        }
        return texts;
    }

    /** Presses and releases a key on the display, as a keyboard would; returns when it was released. */
    private long press(int keyCode, char character) {
        for (int type : new int[] {SWT.KeyDown, SWT.KeyUp}) {
            ui(() -> {
                Event event = new Event();
                event.type = type;
                event.keyCode = keyCode == 0 ? character : keyCode;
                event.character = character;
                return display.post(event);
            });
        }
        long released = System.nanoTime();
        settle();
        return released;
    }

    /** Lets the UI handle and draw what is pending: events, repaints, popups opening. */
    private void settle() {
        for (int round = 0; round < 3; round++) {
            ui(() -> {
                while (display.readAndDispatch()) {
                    // Everything queued.
                }
                return null;
            });
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The labels and text fields of a preference page, in order. */
    private static String labelsAndFields(Control page) {
        List<String> parts = new ArrayList<>();
        collectLabelsAndFields(page, parts);
        return String.join(" | ", parts);
    }

    private static void collectLabelsAndFields(Control control, List<String> parts) {
        if (control instanceof org.eclipse.swt.widgets.Label label) {
            parts.add(label.getText());
        } else if (control instanceof org.eclipse.swt.widgets.Text field) {
            parts.add("[" + field.getText() + "]");
        } else if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                collectLabelsAndFields(child, parts);
            }
        }
    }

    private void screenshot(String name) {
        screenshot(name, null);
    }

    /** The workbench window, or another shell, as a PNG beside the results, once what is pending has been drawn. */
    private void screenshot(String name, Shell other) {
        settle();
        ui(() -> {
            Rectangle bounds = (other != null ? other : page().getWorkbenchWindow().getShell()).getBounds();
            Image image = new Image(display, bounds.width, bounds.height);
            GC gc = new GC(display);
            gc.copyArea(image, bounds.x, bounds.y);
            gc.dispose();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(output.resolveSibling(name).toString(), SWT.IMAGE_PNG);
            image.dispose();
            return null;
        });
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getWorkbenchWindows()[0].getActivePage();
    }

    private static IHandlerService handlers() {
        return PlatformUI.getWorkbench().getService(IHandlerService.class);
    }

    /** Runs on the UI thread and returns its result; a failure there fails the step. */
    private <T> T ui(Callable<T> call) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw new StepFailed("ui: " + failure.get());
        }
        return result.get();
    }

    /** Polls until the check gives a value, or fails the step after the timeout. */
    private <T> T waitFor(String step, long millis, Callable<T> check) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            T value = check.call();
            if (value != null) {
                return value;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new StepFailed(step + ": nothing within " + millis / 1000 + " s");
            }
            Thread.sleep(20);
        }
    }

    private static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }
}
