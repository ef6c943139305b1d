package org.kexec.dsl.tests;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.google.inject.Injector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.ResourceValidatorImpl;

/**
 * Fuzzes the {@code .kboot} parser, linker and every validation rule with whatever text an editor may hold. Xtext
 * logs an exception thrown inside a validator instead of failing; this target turns such a log into a finding.
 */
class SpecFuzzTest {

    private static final Injector INJECTOR = new KBootInjectorProvider().getInjector();
    private static final Path FOLDER = folder();
    private static final List<Throwable> LOGGED = new ArrayList<>();

    static {
        Logger.getLogger(ResourceValidatorImpl.class).addAppender(new AppenderSkeleton() {
            @Override
            protected void append(LoggingEvent event) {
                if (event.getThrowableInformation() != null) {
                    LOGGED.add(event.getThrowableInformation().getThrowable());
                }
            }

            @Override
            public void close() {
            }

            @Override
            public boolean requiresLayout() {
                return false;
            }
        });
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("kboot-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void spec(@NotNull byte[] text) throws Throwable {
        LOGGED.clear();
        XtextResourceSet resources = INJECTOR.getInstance(XtextResourceSet.class);
        Resource resource = resources.createResource(URI.createFileURI(FOLDER.resolve("fuzz.kboot").toString()));
        resource.load(new ByteArrayInputStream(text), null);
        ((XtextResource) resource).getResourceServiceProvider().getResourceValidator()
                .validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
        if (!LOGGED.isEmpty()) {
            throw LOGGED.get(0);
        }
    }
}
