package io.asynctournament.bot.discord.interaction;

import io.asynctournament.jobs.errors.UserError;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IMessageEditCallback;
import net.dv8tion.jda.api.interactions.callbacks.IModalCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one JDA listener for interactions: slash commands, autocomplete, buttons, string selects and modal submits.
 * For each it builds the {@link Caller} once, finds the one handler (slash commands by name, components and modals by
 * {@link ComponentId#key()}), acknowledges at once (before any database work, so always within Discord's 3 seconds:
 * {@link Acknowledgement}), runs the handler on a worker thread, and sends its {@link Reply}.
 *
 * <p>Errors are answered here too, ephemerally: a {@link UserError} with its message; a malformed, unknown or stale
 * component id with "this button is no longer valid" (nothing changes); any other exception is a bug, logged with
 * the interaction and answered with a generic message and the log reference.
 */
public final class InteractionRouter extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);
    /** Autocomplete answers must reach Discord within 3 s; a slower handler is answered with no choices. */
    static final long AUTOCOMPLETE_BUDGET_MS = 2_500;
    private static final int MAX_CHOICES = 25;

    private final Map<String, SlashCommandHandler> commands;
    private final Map<String, ButtonHandler> buttons;
    private final Map<String, StringSelectHandler> selects;
    private final Map<String, ModalHandler> modals;
    private final Set<Long> operators;
    private final ExecutorService workers;
    private final ExecutorService rateLimitedWorkers;

    /**
     * @param operators the bot's operators' Discord user ids
     * @param workers   where handlers run (never JDA's event thread, except {@link Acknowledgement#IMMEDIATE})
     * @throws IllegalStateException when two handlers claim the same command name or component key (a bug)
     */
    public InteractionRouter(List<SlashCommandHandler> commands, List<ButtonHandler> buttons,
                             List<StringSelectHandler> selects, List<ModalHandler> modals, Set<Long> operators,
                             ExecutorService workers) {
        this(commands, buttons, selects, modals, operators, workers, workers);
    }

    /**
     * @param operators          the bot's operators' Discord user ids
     * @param workers            where handlers run (never JDA's event thread, except
     *                           {@link Acknowledgement#IMMEDIATE})
     * @param rateLimitedWorkers where component handlers that {@link ComponentHandler#waitsOnRateLimits() wait on
     *                           Discord's rate limits} run, apart from the others
     * @throws IllegalStateException when two handlers claim the same command name or component key (a bug)
     */
    public InteractionRouter(List<SlashCommandHandler> commands, List<ButtonHandler> buttons,
                             List<StringSelectHandler> selects, List<ModalHandler> modals, Set<Long> operators,
                             ExecutorService workers, ExecutorService rateLimitedWorkers) {
        this.rateLimitedWorkers = rateLimitedWorkers;
        this.commands = index(commands, SlashCommandHandler::name, "slash command");
        this.buttons = index(buttons, ButtonHandler::key, "button");
        this.selects = index(selects, StringSelectHandler::key, "string select");
        this.modals = index(modals, ModalHandler::key, "modal");
        this.operators = Set.copyOf(operators);
        this.workers = workers;
    }

    /** The handlers of the slash commands, whose definitions get registered with Discord. */
    public List<SlashCommandHandler> commands() {
        return List.copyOf(commands.values());
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        SlashCommandHandler handler = commands.get(event.getName());
        if (handler == null) {
            event.reply("`/" + event.getName() + "` is not a command of this version of the bot.")
                    .setEphemeral(true).queue(null, failed(event));
            return;
        }
        if (handler.guildOnly() && event.getGuild() == null) {
            event.reply("`/" + event.getName() + "` works in a server only.").setEphemeral(true)
                    .queue(null, failed(event));
            return;
        }
        Caller caller = Caller.of(event, operators);
        SlashCommandRequest request = new SlashCommandRequest(event.getSubcommandGroup(),
                event.getSubcommandName(), new CommandOptions(event.getOptions()), caller, event.getChannelIdLong(),
                event.getTimeCreated().toInstant());
        String what = "/" + event.getFullCommandName();
        if (handler.acknowledgement() == Acknowledgement.IMMEDIATE) {
            answerAtOnce(event, handler.ephemeral(), run(() -> handler.handle(request), what, event, false), what);
            return;
        }
        event.deferReply(handler.ephemeral()).queue(null, failed(event));
        workers.execute(() -> deliver(event.getHook(), handler.ephemeral(),
                run(() -> handler.handle(request), what, event, false), what));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        SlashCommandHandler handler = commands.get(event.getName());
        if (handler == null) {
            event.replyChoiceStrings(List.of()).queue(null, failed(event));
            return;
        }
        AutocompleteRequest request = new AutocompleteRequest(event.getSubcommandGroup(), event.getSubcommandName(),
                event.getFocusedOption().getName(), event.getFocusedOption().getValue(),
                new CommandOptions(event.getOptions()), Caller.of(event, operators));
        CompletableFuture.supplyAsync(() -> handler.complete(request), workers)
                .completeOnTimeout(List.of(), AUTOCOMPLETE_BUDGET_MS, TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    log.error("Autocomplete of /{} option {} failed for {}", event.getFullCommandName(),
                            request.focused(), request.caller().actor(), e);
                    return List.of();
                })
                .thenAccept(choices -> event.replyChoiceStrings(choices.stream().limit(MAX_CHOICES).toList())
                        .queue(null, e -> log.debug("Autocomplete answer failed", e)));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        component(event, event.getComponentId(), buttons, List.of(), "button");
    }

    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent event) {
        component(event, event.getComponentId(), selects, event.getValues(), "select");
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Optional<ComponentId> id = ComponentId.parse(event.getModalId());
        ModalHandler handler = id.map(i -> modals.get(i.key())).orElse(null);
        if (handler == null || (handler.guildOnly() && event.getGuild() == null)) {
            refuseStale(event, event.getModalId(), "modal");
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ModalMapping mapping : event.getValues()) {
            values.put(mapping.getCustomId(), mapping.getAsString());
        }
        ModalRequest request = new ModalRequest(id.get(), Caller.of(event, operators), event.getChannelIdLong(),
                values, event.getTimeCreated().toInstant());
        Acknowledgement ack = handler.acknowledgement();
        if (ack == Acknowledgement.DEFER_EDIT && event.getMessage() == null) {
            ack = Acknowledgement.DEFER_REPLY; // a modal opened by a slash command has no message to update
        }
        respond(event, event, ack, handler.ephemeral(), () -> handler.handle(request), "modal " + id.get().key(),
                executorFor(handler));
    }

    private <E extends IReplyCallback & IMessageEditCallback & IModalCallback, H extends ComponentHandler> void
    component(E event, String customId, Map<String, H> handlers, List<String> values, String kind) {
        Optional<ComponentId> id = ComponentId.parse(customId);
        H handler = id.map(i -> handlers.get(i.key())).orElse(null);
        if (handler == null || (handler.guildOnly() && event.getGuild() == null)) {
            refuseStale(event, customId, kind);
            return;
        }
        long messageId = event instanceof ButtonInteractionEvent b ? b.getMessageIdLong()
                : ((StringSelectInteractionEvent) event).getMessageIdLong();
        ComponentRequest request = new ComponentRequest(id.get(), Caller.of(event, operators),
                event.getChannelIdLong(), messageId, values, event.getTimeCreated().toInstant());
        Supplier<Reply> work = handler instanceof ButtonHandler button ? () -> button.handle(request)
                : () -> ((StringSelectHandler) handler).handle(request);
        respond(event, event, handler.acknowledgement(), handler.ephemeral(), work, kind + " " + id.get().key(),
                executorFor(handler));
    }

    private ExecutorService executorFor(ComponentHandler handler) {
        return handler.waitsOnRateLimits() ? rateLimitedWorkers : workers;
    }

    /** Acknowledges as the handler asks, then runs it (on a worker unless immediate) and sends its reply. */
    private <E extends IReplyCallback & IMessageEditCallback> void respond(E event, Interaction interaction,
                                                                          Acknowledgement ack, boolean ephemeral,
                                                                          Supplier<Reply> work, String what,
                                                                          ExecutorService executor) {
        switch (ack) {
            case IMMEDIATE -> answerAtOnce(event, ephemeral, run(work, what, interaction, true), what);
            case DEFER_EDIT -> {
                event.deferEdit().queue(null, failed(interaction));
                executor.execute(() -> deliver(event.getHook(), true, run(work, what, interaction, true), what));
            }
            case DEFER_REPLY -> {
                event.deferReply(ephemeral).queue(null, failed(interaction));
                executor.execute(() -> deliver(event.getHook(), ephemeral, run(work, what, interaction, true), what));
            }
        }
    }

    /**
     * Runs the handler; a user error or a bug becomes its ephemeral answer. For a component or modal, "not found"
     * means its id names something that is gone: it is answered as a stale component.
     */
    private Reply run(Supplier<Reply> work, String what, Interaction interaction, boolean component) {
        try {
            return work.get();
        } catch (UserError e) {
            log.debug("{} refused for user {}: {} ({})", what, interaction.getUser().getId(), e.getMessage(),
                    e.kind());
            return Reply.embed(component && e.kind() == UserError.Kind.NOT_FOUND
                    ? InteractionErrors.staleComponent(e.getMessage()) : InteractionErrors.of(e));
        } catch (RuntimeException e) {
            String reference = interaction.getId();
            log.error("{} failed for user {} in guild {} channel {} (reference {})", what,
                    interaction.getUser().getId(), interaction.getGuild() == null ? "none" : interaction.getGuild().getId(),
                    interaction.getChannelId(), reference, e);
            return Reply.embed(InteractionErrors.bug(reference));
        }
    }

    /**
     * Sends a reply after a deferral: a message replaces the deferred reply (or, after a deferred edit, follows up,
     * ephemerally); an update edits the component's message.
     */
    private static void deliver(InteractionHook hook, boolean ephemeral, Reply reply, String what) {
        if (reply instanceof Reply.Message message) {
            hook.sendMessage(message.data()).setEphemeral(ephemeral)
                    .queue(null, e -> log.warn("Could not answer {}: {}", what, e.toString()));
        } else if (reply instanceof Reply.Update update) {
            hook.editOriginal(update.data())
                    .queue(null, e -> log.warn("Could not update the message of {}: {}", what, e.toString()));
        } else {
            log.error("{} answered with a modal after a deferral (a bug: a modal needs IMMEDIATE)", what);
            hook.sendMessageEmbeds(InteractionErrors.bug(hook.getInteraction().getId())).setEphemeral(true)
                    .queue(null, e -> log.warn("Could not answer {}: {}", what, e.toString()));
        }
    }

    /** Answers at once, without deferral (the handler did no I/O): a message, an update, or a modal. */
    private static void answerAtOnce(IReplyCallback event, boolean ephemeral, Reply reply, String what) {
        if (reply instanceof Reply.Message message) {
            event.reply(message.data()).setEphemeral(ephemeral).queue(null, failed(event));
        } else if (reply instanceof Reply.Update update && event instanceof IMessageEditCallback edit) {
            edit.editMessage(update.data()).queue(null, failed(event));
        } else if (reply instanceof Reply.OpenModal modal && event instanceof IModalCallback modalCallback) {
            modalCallback.replyModal(modal.modal()).queue(null, failed(event));
        } else {
            log.error("{} answered with a {} it cannot send (a bug)", what, reply.getClass().getSimpleName());
            event.replyEmbeds(InteractionErrors.bug(event.getId())).setEphemeral(true).queue(null, failed(event));
        }
    }

    private static void refuseStale(IReplyCallback event, String customId, String kind) {
        log.debug("Refused a {} with an unknown or malformed id '{}' from user {}", kind, customId,
                event.getUser().getId());
        MessageCreateData stale = new MessageCreateBuilder().setEmbeds(InteractionErrors.staleComponent(null)).build();
        event.reply(stale).setEphemeral(true).queue(null, failed(event));
    }

    private static java.util.function.Consumer<Throwable> failed(Interaction interaction) {
        return e -> log.warn("Could not acknowledge interaction {} of user {}: {}", interaction.getId(),
                interaction.getUser().getId(), e.toString());
    }

    private static <H> Map<String, H> index(List<H> handlers, Function<H, String> key, String kind) {
        Map<String, H> byKey = new HashMap<>();
        for (H handler : handlers) {
            H previous = byKey.put(key.apply(handler), handler);
            if (previous != null) {
                throw new IllegalStateException("two " + kind + " handlers answer '" + key.apply(handler) + "': "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        return Map.copyOf(byKey);
    }
}
