package org.kexec.dsl;

/** Starts the language without Equinox: for kbootc, tests and the language server. */
public class KBootStandaloneSetup extends KBootStandaloneSetupGenerated {

    public static void doSetup() {
        new KBootStandaloneSetup().createInjectorAndDoEMFRegistration();
    }
}
