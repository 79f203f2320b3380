package io.asynctournament.bot.discord.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code data} of MESSAGE_COMPONENT (type 3) and MODAL_SUBMIT (type 5) interactions, and lookups of
 * components in a message's component tree (action rows, sections, containers, labels).
 */
final class ComponentPayloads {
    private ComponentPayloads() {}

    static final int COMPONENT = 3;
    static final int MODAL_SUBMIT = 5;
    static final int BUTTON = 2;
    static final int STRING_SELECT = 3;
    static final int TEXT_INPUT = 4;
    static final int LABEL = 18;

    /**
     * The data of a click on a button / a choice in a string select: Discord echoes the custom id, the component
     * type, the component's numeric id (if the message carries one) and, for a select, the chosen values.
     */
    static Map<String, Object> componentData(Map<String, Object> component, List<String> values) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("custom_id", component.get("custom_id"));
        data.put("component_type", component.get("type"));
        if (component.get("id") != null) {
            data.put("id", component.get("id"));
        }
        if (values != null) {
            data.put("values", List.copyOf(values));
        }
        return data;
    }

    /**
     * The data of a submitted modal as JDA 6 parses it: each text input inside a Label (type 18) component,
     * {@code {type: 18, id, component: {type: 4, id, custom_id, value}}}; JDA ignores other top-level types.
     */
    static Map<String, Object> modalSubmitData(String modalId, Map<String, String> textInputs) {
        List<Object> components = new ArrayList<>();
        int uniqueId = 1;
        for (Map.Entry<String, String> input : textInputs.entrySet()) {
            Map<String, Object> textInput = new LinkedHashMap<>();
            textInput.put("type", TEXT_INPUT);
            textInput.put("id", uniqueId + 1);
            textInput.put("custom_id", input.getKey());
            textInput.put("value", input.getValue());
            Map<String, Object> label = new LinkedHashMap<>();
            label.put("type", LABEL);
            label.put("id", uniqueId);
            label.put("component", textInput);
            components.add(label);
            uniqueId += 2;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("custom_id", modalId);
        data.put("components", components);
        return data;
    }

    /** The interactive component with this custom id anywhere in the message's component tree. */
    static Optional<Map<String, Object>> find(Map<String, Object> message, String customId) {
        return all(message).stream().filter(c -> customId.equals(c.get("custom_id"))).findFirst();
    }

    /** Every component of the tree, depth first: nested {@code components}, {@code component} and {@code accessory}. */
    static List<Map<String, Object>> all(Map<String, Object> message) {
        List<Map<String, Object>> found = new ArrayList<>();
        collect(message.get("components"), found);
        return found;
    }

    /** The custom ids of the text inputs of a modal callback's data ({@code custom_id}, {@code title}, ...). */
    static List<String> textInputIds(Map<String, Object> modal) {
        return all(modal).stream().filter(c -> Integer.valueOf(TEXT_INPUT).equals(type(c)))
                .map(c -> String.valueOf(c.get("custom_id"))).toList();
    }

    /**
     * A message's components as Discord stores and returns them (its spec's *ComponentResponse schemas): every
     * component gets a numeric {@code id} if the request gave none (1, 2, ... depth first, skipping ids in use), and
     * the fields Discord fills with defaults are filled (select menus' min/max values, containers' accent colour and
     * spoiler, separators' spacing and divider, thumbnails' description and spoiler).
     */
    static List<Object> stored(Object components) {
        List<Object> copy = Json.asList(Json.copy(components));
        List<Map<String, Object>> flat = new ArrayList<>();
        collect(copy, flat);
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (Map<String, Object> component : flat) {
            if (component.get("id") instanceof Number n) {
                used.add(n.intValue());
            }
        }
        int next = 1;
        for (Map<String, Object> component : flat) {
            if (!(component.get("id") instanceof Number)) {
                while (used.contains(next)) {
                    next++;
                }
                component.put("id", next);
                used.add(next);
            }
            Integer type = type(component);
            if (type == null) {
                continue;
            }
            switch (type) {
                case 3, 5, 6, 7, 8 -> {
                    component.putIfAbsent("min_values", 1);
                    component.putIfAbsent("max_values", 1);
                }
                case 11 -> {
                    component.putIfAbsent("description", null);
                    component.putIfAbsent("spoiler", false);
                }
                case 14 -> {
                    component.putIfAbsent("spacing", 1);
                    component.putIfAbsent("divider", true);
                }
                case 17 -> {
                    component.putIfAbsent("accent_color", null);
                    component.putIfAbsent("spoiler", false);
                }
                default -> { }
            }
        }
        return copy;
    }

    private static void collect(Object node, List<Map<String, Object>> found) {
        if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, found));
        } else if (node instanceof Map<?, ?>) {
            Map<String, Object> component = Json.asMap(node);
            found.add(component);
            collect(component.get("components"), found);
            collect(component.get("component"), found);
            collect(component.get("accessory"), found);
        }
    }

    private static Integer type(Map<String, Object> component) {
        return component.get("type") instanceof Number n ? n.intValue() : null;
    }
}
