package io.asynctournament.bot.discord.fake;

import java.util.List;
import java.util.Map;

/**
 * A modal the bot opened (interaction callback type 9), as it sent it.
 *
 * @param customId     the modal's custom id, to pass to {@link FakeDiscord#modalSubmit}
 * @param title        the modal's title
 * @param textInputIds custom ids of its text inputs (inside Label components, or legacy action rows), in order
 * @param components   its top-level components as raw JSON maps (Labels in JDA 6)
 */
public record OpenedModal(String customId, String title, List<String> textInputIds,
        List<Map<String, Object>> components) {

    /** The modal of an interaction's callback; AssertionError if the bot answered otherwise. */
    static OpenedModal of(PendingInteraction pending) {
        if (pending.callbackType() != 9) {
            throw new AssertionError("the bot answered with callback type " + pending.callbackType()
                    + ", not with a modal (9)");
        }
        Map<String, Object> data = Json.copyMap(pending.callbackData());
        return new OpenedModal(String.valueOf(data.get("custom_id")), String.valueOf(data.get("title")),
                ComponentPayloads.textInputIds(data),
                Json.asList(data.get("components")).stream().map(Json::asMap).toList());
    }
}
