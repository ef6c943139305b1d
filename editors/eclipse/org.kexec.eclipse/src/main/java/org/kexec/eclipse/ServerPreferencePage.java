package org.kexec.eclipse;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Preferences › kboot: the command that starts the language server; a change restarts it. */
public final class ServerPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public ServerPreferencePage() {
        super(GRID);
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, KBootPlugin.ID));
        setDescription("kboot's language server serves .kboot files. Leave the command empty to run the server that"
                + " came with this plug-in (server/kboot-ls.jar in its dropins folder), else kboot-ls on PATH.");
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(ServerCommand.PREFERENCE, "Server command:", getFieldEditorParent()));
    }
}
