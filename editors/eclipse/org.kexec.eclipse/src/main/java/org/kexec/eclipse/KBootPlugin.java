package org.kexec.eclipse;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The bundle's activator: owns the workbench's one kboot language server, starts it on first use with the command
 * the preferences name, starts it anew when that preference changes, and stops it with the workbench.
 */
public final class KBootPlugin implements BundleActivator {

    public static final String ID = "org.kexec.eclipse";

    private static volatile KBootPlugin instance;

    private final OpenDocuments documents = new OpenDocuments();
    private final IPreferenceChangeListener serverCommandListener = event -> {
        if (ServerCommand.PREFERENCE.equals(event.getKey())) {
            restartServer();
        }
    };
    private Bundle bundle;
    private LanguageServerProcess server;

    @Override
    public void start(BundleContext context) {
        bundle = context.getBundle();
        preferences().addPreferenceChangeListener(serverCommandListener);
        instance = this;
    }

    @Override
    public void stop(BundleContext context) {
        instance = null;
        preferences().removePreferenceChangeListener(serverCommandListener);
        stopServer();
    }

    /** The running plug-in; Eclipse starts the bundle before any class of it is used. */
    static KBootPlugin get() {
        return instance;
    }

    /** The language server, started on the first call, and again after it ended on its own. */
    synchronized LanguageServerProcess server() {
        if (server == null || server.crashed()) {
            server = LanguageServerProcess.start(ServerCommand.resolve(bundle, preferences().get(ServerCommand.PREFERENCE, "")),
                    documents, log());
        }
        return server;
    }

    OpenDocuments documents() {
        return documents;
    }

    ILog log() {
        return Platform.getLog(bundle);
    }

    static IEclipsePreferences preferences() {
        return InstanceScope.INSTANCE.getNode(ID);
    }

    private void restartServer() {
        stopServer();
        if (documents.any()) {
            server();
        }
    }

    private void stopServer() {
        LanguageServerProcess running;
        synchronized (this) {
            running = server;
            server = null;
        }
        if (running != null) {
            running.stop();
        }
    }
}
