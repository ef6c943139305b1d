package org.kexec.generator.cli;

/** Input kbootc cannot work with (missing file, folder without specs); printed as one line, exit status 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
