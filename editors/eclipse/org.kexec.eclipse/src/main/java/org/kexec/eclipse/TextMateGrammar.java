package org.kexec.eclipse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * kboot's TextMate grammar ({@code editors/vscode/syntaxes/kboot.tmLanguage.json}, the file VS Code uses, copied
 * into this bundle by the build), read as an ordered list of regular expressions with scope names, and a tokenizer
 * that applies them left to right as TextMate does: at each point the earliest match wins, the first rule on a tie.
 * Rules with {@code begin}/{@code end} become one expression spanning lines, with their inner patterns.
 */
final class TextMateGrammar {

    /** A scope over a range of the text. */
    record Token(int offset, int length, String scope) {
    }

    private record Rule(Pattern pattern, Map<Integer, String> scopes) {
    }

    private final List<Rule> rules;

    private TextMateGrammar(List<Rule> rules) {
        this.rules = rules;
    }

    static TextMateGrammar kboot() {
        try (InputStream in = TextMateGrammar.class.getResourceAsStream("kboot.tmLanguage.json")) {
            return parse(JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TextMateGrammar parse(JsonObject grammar) {
        List<Rule> rules = new ArrayList<>();
        JsonObject repository = grammar.getAsJsonObject("repository");
        for (JsonElement pattern : grammar.getAsJsonArray("patterns")) {
            collect(pattern.getAsJsonObject(), repository, rules);
        }
        return new TextMateGrammar(rules);
    }

    private static void collect(JsonObject rule, JsonObject repository, List<Rule> rules) {
        if (rule.has("include")) {
            collect(repository.getAsJsonObject(rule.get("include").getAsString().substring(1)), repository, rules);
        } else if (rule.has("match")) {
            Map<Integer, String> scopes = new TreeMap<>();
            if (rule.has("name")) {
                scopes.put(0, rule.get("name").getAsString());
            }
            if (rule.has("captures")) {
                rule.getAsJsonObject("captures").entrySet().forEach(capture -> scopes.put(Integer.parseInt(capture.getKey()),
                        capture.getValue().getAsJsonObject().get("name").getAsString()));
            }
            rules.add(new Rule(Pattern.compile(rule.get("match").getAsString(), Pattern.MULTILINE), scopes));
        } else if (rule.has("begin")) {
            StringBuilder inner = new StringBuilder();
            if (rule.has("patterns")) {
                for (JsonElement pattern : rule.getAsJsonArray("patterns")) {
                    inner.append(pattern.getAsJsonObject().get("match").getAsString()).append('|');
                }
            }
            String regex = rule.get("begin").getAsString() + "(?:" + inner + "[\\s\\S])*?" + rule.get("end").getAsString();
            rules.add(new Rule(Pattern.compile(regex, Pattern.MULTILINE), Map.of(0, rule.get("name").getAsString())));
        } else if (rule.has("patterns")) {
            for (JsonElement pattern : rule.getAsJsonArray("patterns")) {
                collect(pattern.getAsJsonObject(), repository, rules);
            }
        }
    }

    /** The scoped ranges of a text, in order, not overlapping. */
    List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        List<Matcher> matchers = rules.stream().map(rule -> rule.pattern().matcher(text)).toList();
        // Where each rule next matches at or after the position: UNKNOWN until searched, NONE when it never does.
        int[] next = new int[rules.size()];
        Arrays.fill(next, UNKNOWN);
        int position = 0;
        while (position < text.length()) {
            int best = -1;
            for (int i = 0; i < rules.size(); i++) {
                if (next[i] == UNKNOWN || next[i] != NONE && next[i] < position) {
                    next[i] = matchers.get(i).find(position) ? matchers.get(i).start() : NONE;
                }
                if (next[i] != NONE && (best < 0 || next[i] < next[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            Matcher match = matchers.get(best);
            for (Map.Entry<Integer, String> scope : rules.get(best).scopes().entrySet()) {
                int group = scope.getKey();
                if (group <= match.groupCount() && match.start(group) >= 0 && match.end(group) > match.start(group)) {
                    tokens.add(new Token(match.start(group), match.end(group) - match.start(group), scope.getValue()));
                }
            }
            position = Math.max(match.end(), match.start() + 1);
        }
        return tokens;
    }

    private static final int UNKNOWN = -1;
    private static final int NONE = Integer.MAX_VALUE;
}
