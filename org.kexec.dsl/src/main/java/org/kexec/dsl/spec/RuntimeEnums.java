package org.kexec.dsl.spec;

/**
 * Maps the language's enums (generated from the grammar) to the runtime's, which use the same constant names;
 * a renamed constant on either side fails here, loudly, instead of converting to something else.
 */
public final class RuntimeEnums {

    private RuntimeEnums() {
    }

    public static <E extends Enum<E>> E convert(Enum<?> language, Class<E> runtime) {
        return Enum.valueOf(runtime, language.name());
    }
}
