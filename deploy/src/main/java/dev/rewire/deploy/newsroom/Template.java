package dev.rewire.deploy.newsroom;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal placeholder filler for the outlet templates: {@code {{name}}} is replaced by the
 * HTML-escaped value, {@code {{{name}}}} by the value as is (for markup built elsewhere). Escaping by
 * default keeps a headline from ever becoming markup; an unknown placeholder is a bug and throws.
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([A-Za-z]+)\\}?\\}\\}");

    private Template() {
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() * 2);
        while (m.find()) {
            String value = values.get(m.group(2));
            if (value == null) {
                throw new IllegalStateException("no value for placeholder " + m.group());
            }
            String replacement = m.group(1).isEmpty() ? Html.escape(value) : value;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
