package org.kexec.dsl.ide;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.eclipse.xtext.util.Modules2;
import org.kexec.dsl.KBootRuntimeModule;
import org.kexec.dsl.KBootStandaloneSetup;

/** Starts the language with its IDE services: what Xtext's language server finds through META-INF/services. */
public class KBootIdeSetup extends KBootStandaloneSetup {

    @Override
    public Injector createInjector() {
        return Guice.createInjector(Modules2.mixin(new KBootRuntimeModule(), new KBootIdeModule()));
    }
}
