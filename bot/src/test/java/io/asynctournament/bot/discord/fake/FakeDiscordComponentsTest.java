package io.asynctournament.bot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.RestAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real JDA against {@link FakeDiscord}: buttons, string selects and modals, and how the bot answers them. */
class FakeDiscordComponentsTest {
    private static final long GUILD_ID = 720_000_000_000_000_001L;
    private static final long CHANNEL_ID = 720_000_000_000_000_002L;
    private static final long ALICE_ID = 720_000_000_000_000_003L;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeDiscord discord;
    private FakeGuild guild;
    private FakeMember alice;
    private FakeChannel general;
    private final ComponentBot bot = new ComponentBot();
    private JDA jda;

    /** What the listener saw of one component or modal interaction. */
    record Seen(String kind, String customId, long userId, String memberName, long channelId, long messageId,
            String messageContent, String componentLabel, List<String> values) {}

    /** A tiny bot: sends messages with components and answers each custom id in one response style. */
    static final class ComponentBot extends ListenerAdapter {
        final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            switch (event.getName()) {
                case "signup" -> event.replyModal(signupModal()).queue();
                case "menu" -> event.reply("Pick an action").setEphemeral(true)
                        .addComponents(ActionRow.of(Button.success("confirm", "Confirm"))).queue();
                default -> event.reply("unknown command").setEphemeral(true).queue();
            }
        }

        @Override
        public void onButtonInteraction(ButtonInteractionEvent event) {
            Message message = event.getMessage();
            seen.add(new Seen("button", event.getComponentId(), event.getUser().getIdLong(),
                    event.getMember().getEffectiveName(), event.getChannel().getIdLong(), event.getMessageIdLong(),
                    message == null ? null : message.getContentRaw(),
                    event.getButton() == null ? null : event.getButton().getLabel(), List.of()));
            String who = event.getMember().getEffectiveName();
            switch (event.getComponentId()) {
                case "join" -> event.editMessage("Round 1: " + who + " joined")
                        .setComponents(ActionRow.of(Button.primary("join", "Join").asDisabled(),
                                Button.danger("leave", "Leave")))
                        .queue();
                case "leave" -> {
                    event.deferEdit().queue();
                    event.getHook().editOriginal("Round 1: " + who + " left").queue();
                }
                case "info" -> event.reply("Only you can see this, " + who).setEphemeral(true).queue();
                case "confirm" -> event.editMessage("Confirmed").setComponents().queue();
                case "signup" -> event.replyModal(signupModal()).queue();
                default -> { } // "ignored": never answers
            }
        }

        @Override
        public void onStringSelectInteraction(StringSelectInteractionEvent event) {
            seen.add(new Seen("select", event.getComponentId(), event.getUser().getIdLong(),
                    event.getMember().getEffectiveName(), event.getChannel().getIdLong(), event.getMessageIdLong(),
                    event.getMessage().getContentRaw(), event.getSelectMenu().getPlaceholder(), event.getValues()));
            event.reply("You picked " + String.join(", ", event.getValues())).setEphemeral(true).queue();
        }

        @Override
        public void onModalInteraction(ModalInteractionEvent event) {
            String runner = event.getValue("runner").getAsString();
            seen.add(new Seen("modal", event.getModalId(), event.getUser().getIdLong(),
                    event.getMember().getEffectiveName(), event.getChannel().getIdLong(), 0L, null, null,
                    List.of(runner)));
            if (event.getMessage() != null) {
                event.editMessage("Signed up: " + runner).setComponents().queue();
            } else {
                event.reply("Signed up as " + runner).setEphemeral(true).queue();
            }
        }

        private static Modal signupModal() {
            return Modal.create("signup-modal", "Sign up")
                    .addComponents(Label.of("Runner name",
                            TextInput.create("runner", TextInputStyle.SHORT).setRequired(true).build()))
                    .build();
        }
    }

    @BeforeEach
    void declareGuild() {
        discord = FakeDiscord.start();
        guild = discord.guild(GUILD_ID, "Async Cup");
        alice = guild.member(ALICE_ID, "alice", Permission.MANAGE_SERVER);
        general = guild.textChannel(CHANNEL_ID, "general");
        jda = discord.configure(JDABuilder.createLight("fake-token").addEventListeners(bot)).build();
        await().atMost(WAIT).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        jda.shutdown();
        if (!jda.awaitShutdown(WAIT)) {
            jda.shutdownNow();
        }
        discord.close();
    }

    /** complete() with a deadline, so a test can never hang on a request. */
    private static <T> T complete(RestAction<T> action) {
        return action.timeout(WAIT.toSeconds(), TimeUnit.SECONDS).complete();
    }

    private Message sendRoundMessage() {
        return complete(jda.getTextChannelById(CHANNEL_ID).sendMessage("Round 1")
                .addComponents(ActionRow.of(Button.primary("join", "Join"), Button.danger("leave", "Leave"),
                        Button.secondary("info", "Info"), Button.secondary("signup", "Sign up"),
                        Button.secondary("ignored", "Ignored"))));
    }

    private Seen nextSeen() throws InterruptedException {
        Seen seen = bot.seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(seen).as("the listener saw the interaction").isNotNull();
        return seen;
    }

    @Test
    void buttonClickReachesTheListenerAndEditMessageUpdatesTheStoredMessage() throws InterruptedException {
        Message sent = sendRoundMessage();

        ComponentReply reply = discord.button(general, alice, discord.messages(CHANNEL_ID).get(0), "join");

        Seen seen = nextSeen();
        assertThat(seen.kind()).isEqualTo("button");
        assertThat(seen.customId()).isEqualTo("join");
        assertThat(seen.userId()).isEqualTo(ALICE_ID);
        assertThat(seen.memberName()).isEqualTo("alice");
        assertThat(seen.channelId()).isEqualTo(CHANNEL_ID);
        assertThat(seen.messageId()).isEqualTo(sent.getIdLong());
        assertThat(seen.messageContent()).isEqualTo("Round 1");
        assertThat(seen.componentLabel()).isEqualTo("Join");

        assertThat(reply.callbackType()).isEqualTo(7);
        assertThat(reply.deferred()).isFalse();
        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.content()).isEqualTo("Round 1: alice joined");
        assertThat(reply.updatedMessage()).containsEntry("id", sent.getId())
                .containsEntry("content", "Round 1: alice joined");
        List<Map<String, Object>> buttons = Json.asList(reply.components().get(0).get("components")).stream()
                .map(Json::asMap).toList();
        assertThat(buttons).extracting(b -> b.get("custom_id")).containsExactly("join", "leave");
        assertThat(buttons.get(0)).containsEntry("disabled", true);
        assertThat(reply.ackAfter()).isPositive().isLessThan(WAIT);
        assertThat(reply.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("interactions/" + reply.interactionId() + "/" + reply.token() + "/callback");
            assertThat(r.json()).containsEntry("type", 7);
        });
        assertThat(discord.messages(CHANNEL_ID)).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("content", "Round 1: alice joined"));
    }

    @Test
    void anInteractionsIdEncodesTheInteractionClockWhichJdaReadsAsItsCreationTime() throws InterruptedException {
        Message sent = sendRoundMessage();
        java.time.Instant later = java.time.Instant.now().plus(Duration.ofMinutes(25)).truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS);
        discord.interactionClock(java.time.Clock.fixed(later, java.time.ZoneOffset.UTC));

        ComponentReply reply = discord.button(general, alice, sent.getIdLong(), "join");
        nextSeen();

        assertThat(net.dv8tion.jda.api.utils.TimeUtil.getTimeCreated(reply.interactionId()).toInstant())
                .isEqualTo(later);
        assertThat(reply.content()).as("JDA answered it as usual").isEqualTo("Round 1: alice joined");
        discord.interactionClock(null);
        ComponentReply now = discord.button(general, alice, sent.getIdLong(), "leave");
        assertThat(net.dv8tion.jda.api.utils.TimeUtil.getTimeCreated(now.interactionId()).toInstant())
                .isBefore(later.minus(Duration.ofMinutes(20)));
    }

    @Test
    void deferEditThenHookEditIsReturnedAndClickingADisabledButtonIsRejected() throws InterruptedException {
        Message sent = sendRoundMessage();
        discord.button(general, alice, sent.getIdLong(), "join");
        nextSeen();

        ComponentReply reply = discord.button(general, alice, sent.getIdLong(), "leave"); // looked up: edited message

        Seen seen = nextSeen();
        assertThat(seen.customId()).isEqualTo("leave");
        assertThat(seen.messageContent()).isEqualTo("Round 1: alice joined");
        assertThat(reply.callbackType()).isEqualTo(6);
        assertThat(reply.deferred()).isTrue();
        assertThat(reply.content()).isEqualTo("Round 1: alice left");
        assertThat(reply.updatedMessage()).containsEntry("id", sent.getId());
        assertThat(reply.requests()).extracting(ApiRequest::method).containsExactly("POST", "PATCH");
        assertThat(reply.requests().get(1).path()).endsWith("/messages/@original");
        assertThat(discord.messages(CHANNEL_ID)).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("content", "Round 1: alice left"));
        assertThatThrownBy(() -> discord.button(general, alice, sent.getIdLong(), "join"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disabled");
    }

    @Test
    void buttonAnsweredWithAnEphemeralReplyLeavesTheMessageAlone() throws InterruptedException {
        Message sent = sendRoundMessage();

        ComponentReply reply = discord.button(general, alice, sent.getIdLong(), "info");

        assertThat(nextSeen().customId()).isEqualTo("info");
        assertThat(reply.callbackType()).isEqualTo(4);
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.content()).isEqualTo("Only you can see this, alice");
        assertThat(reply.updatedMessage()).isEmpty();
        assertThat(reply.message()).doesNotContainEntry("id", sent.getId());
        assertThat(discord.messages(CHANNEL_ID)).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("content", "Round 1"));
    }

    @Test
    void buttonOnAnInteractionReplyUpdatesThatReply() throws InterruptedException {
        SlashReply menu = discord.slash(guild, alice, "menu", Map.of());

        ComponentReply reply = discord.button(general, alice, menu.message(), "confirm");

        Seen seen = nextSeen();
        assertThat(seen.customId()).isEqualTo("confirm");
        assertThat(seen.messageContent()).isEqualTo("Pick an action");
        assertThat(reply.callbackType()).isEqualTo(7);
        assertThat(reply.content()).isEqualTo("Confirmed");
        assertThat(reply.components()).isEmpty();
        assertThat(menu.message()).containsEntry("content", "Confirmed"); // the slash reply's message was updated
    }

    @Test
    void stringSelectReachesTheListenerWithTheChosenValues() throws InterruptedException {
        complete(jda.getTextChannelById(CHANNEL_ID).sendMessage("Which games?")
                .addComponents(ActionRow.of(StringSelectMenu.create("games")
                        .setPlaceholder("Games")
                        .addOption("Zelda", "zelda")
                        .addOption("Metroid", "metroid")
                        .addOption("Mario", "mario")
                        .setMaxValues(2)
                        .build())));
        Map<String, Object> message = discord.messages(CHANNEL_ID).get(0);

        ComponentReply reply = discord.stringSelect(general, alice, message, "games", List.of("zelda", "metroid"));

        Seen seen = nextSeen();
        assertThat(seen.kind()).isEqualTo("select");
        assertThat(seen.customId()).isEqualTo("games");
        assertThat(seen.userId()).isEqualTo(ALICE_ID);
        assertThat(seen.messageContent()).isEqualTo("Which games?");
        assertThat(seen.componentLabel()).isEqualTo("Games"); // the menu was parsed from the message
        assertThat(seen.values()).containsExactly("zelda", "metroid");
        assertThat(reply.callbackType()).isEqualTo(4);
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.content()).isEqualTo("You picked zelda, metroid");
        assertThatThrownBy(() -> discord.stringSelect(general, alice, message, "games", List.of("tetris")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tetris");
        assertThatThrownBy(() -> discord.stringSelect(general, alice, message, "games",
                List.of("zelda", "metroid", "mario"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slashCommandOpensAModalAndTheSubmittedTextReachesTheListener() throws InterruptedException {
        SlashReply opened = discord.slash(guild, alice, "signup", Map.of());

        assertThat(opened.callbackType()).isEqualTo(9);
        OpenedModal modal = opened.modal();
        assertThat(modal.customId()).isEqualTo("signup-modal");
        assertThat(modal.title()).isEqualTo("Sign up");
        assertThat(modal.textInputIds()).containsExactly("runner");
        assertThat(modal.components()).singleElement().satisfies(label -> assertThat(label)
                .containsEntry("type", 18).containsEntry("label", "Runner name"));
        assertThat(opened.message()).isEmpty();

        ComponentReply submitted = discord.modalSubmit(general, alice, modal.customId(), Map.of("runner", "Link"));

        Seen seen = nextSeen();
        assertThat(seen.kind()).isEqualTo("modal");
        assertThat(seen.customId()).isEqualTo("signup-modal");
        assertThat(seen.userId()).isEqualTo(ALICE_ID);
        assertThat(seen.channelId()).isEqualTo(CHANNEL_ID);
        assertThat(seen.values()).containsExactly("Link");
        assertThat(submitted.callbackType()).isEqualTo(4);
        assertThat(submitted.ephemeral()).isTrue();
        assertThat(submitted.content()).isEqualTo("Signed up as Link");
        assertThatThrownBy(submitted::modal).isInstanceOf(AssertionError.class);
    }

    @Test
    void buttonOpensAModalWhoseSubmissionUpdatesTheButtonsMessage() throws InterruptedException {
        Message sent = sendRoundMessage();
        Map<String, Object> message = discord.messages(CHANNEL_ID).get(0);

        ComponentReply opened = discord.button(general, alice, message, "signup");
        nextSeen();
        ComponentReply submitted = discord.modalSubmit(general, alice, message, opened.modal().customId(),
                Map.of("runner", "Samus"));

        assertThat(opened.callbackType()).isEqualTo(9);
        assertThat(opened.modal().textInputIds()).containsExactly("runner");
        assertThat(nextSeen().values()).containsExactly("Samus");
        assertThat(submitted.callbackType()).isEqualTo(7);
        assertThat(submitted.updatedMessage()).containsEntry("id", sent.getId())
                .containsEntry("content", "Signed up: Samus");
        assertThat(discord.messages(CHANNEL_ID)).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("content", "Signed up: Samus"));
    }

    @Test
    void unansweredButtonFailsTheWaitAndUnknownComponentsAreRejected() {
        Message sent = sendRoundMessage();
        discord.answerTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> discord.button(general, alice, sent.getIdLong(), "ignored"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("did not answer button ignored");
        assertThatThrownBy(() -> discord.button(general, alice, sent.getIdLong(), "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no button with custom id nope");
        assertThatThrownBy(() -> discord.button(general, alice, 42L, "join"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no message 42");
    }
}
