package org.kexec.dsl.ide;

/** Guice bindings of the IDE services (language server) beyond the generated defaults. */
public class KBootIdeModule extends AbstractKBootIdeModule {
}
