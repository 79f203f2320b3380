package io.asynctournament.bot.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the fake offers for setting up tournaments: attachment options with their bytes served, the bot's
 * permission overwrites on a channel, roles a member gets after login, and messages deleted by hand.
 */
class FakeDiscordSetupTest {
    private static final long GUILD_ID = 720_000_000_000_000_001L;
    private static final long GENERAL_ID = 720_000_000_000_000_002L;
    private static final long LOCKED_ID = 720_000_000_000_000_003L;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeDiscord discord;
    private FakeGuild guild;
    private FakeMember alice;
    private FakeRole organizers;
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private JDA jda;

    @BeforeEach
    void declareGuild() {
        discord = FakeDiscord.start();
        guild = discord.guild(GUILD_ID, "Setup Cup");
        guild.botPermissions(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND, Permission.MANAGE_THREADS,
                Permission.CREATE_PRIVATE_THREADS);
        guild.textChannel(GENERAL_ID, "general");
        guild.textChannel(LOCKED_ID, "locked").denyBot(Permission.MANAGE_THREADS, Permission.CREATE_PRIVATE_THREADS);
        alice = guild.member(720_000_000_000_000_004L, "alice");
        organizers = guild.role(720_000_000_000_000_005L, "organizers");
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        if (jda != null) {
            jda.shutdown();
            if (!jda.awaitShutdown(WAIT)) {
                jda.shutdownNow();
            }
        }
        discord.close();
    }

    private void login(ListenerAdapter listener) {
        jda = discord.configure(JDABuilder.createLight("fake-token", GatewayIntent.GUILD_MESSAGES)
                .addEventListeners(listener)).build();
        await().atMost(WAIT).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
    }

    @Test
    void anAttachmentOptionIsResolvedAndItsBytesAreServedAtItsUrl() throws Exception {
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                Message.Attachment file = event.getOption("file").getAsAttachment();
                try (InputStream in = file.getProxy().download().get(10, TimeUnit.SECONDS)) {
                    seen.add(file.getFileName() + " " + file.getSize() + " "
                            + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (Exception e) {
                    seen.add("failed: " + e);
                }
                event.reply("ok").setEphemeral(true).queue();
            }
        });
        FakeAttachment csv = discord.attachment("seeds.csv", "text/csv", "pool,url\n".getBytes(StandardCharsets.UTF_8));

        discord.slash(guild, alice, "import", Map.of("file", csv));

        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("seeds.csv 9 pool,url\n");
        assertThat(discord.attachmentDownloads()).isEqualTo(1);
        try (Response unknown = new OkHttpClient().newCall(new Request.Builder()
                .url(csv.url().replace(Long.toUnsignedString(csv.id()), "1")).build()).execute()) {
            assertThat(unknown.code()).isEqualTo(404);
        }
    }

    @Test
    void aChannelOverwriteDeniesTheBotThereOnlyAndTheChannelStillMeetsTheSpec() throws Exception {
        login(new ListenerAdapter() { });
        TextChannel general = jda.getTextChannelById(GENERAL_ID);
        TextChannel locked = jda.getTextChannelById(LOCKED_ID);

        assertThat(general.getGuild().getSelfMember().hasPermission(general, Permission.MANAGE_THREADS)).isTrue();
        assertThat(locked.getGuild().getSelfMember().getPermissions(locked))
                .contains(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND)
                .doesNotContain(Permission.MANAGE_THREADS, Permission.CREATE_PRIVATE_THREADS);
        try (Response response = new OkHttpClient().newCall(new Request.Builder()
                .url(discord.restBaseUrl() + "channels/" + Long.toUnsignedString(LOCKED_ID))
                .header("Authorization", "Bot fake-token").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("\"permission_overwrites\":[{", "\"type\":0");
        }
        assertThat(discord.specViolations()).isEmpty();
    }

    @Test
    void aRoleGivenLaterIsCarriedByTheMembersInteractions() throws Exception {
        login(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                seen.add(event.getMember().getRoles().stream().map(ISnowflake::getIdLong).toList().toString());
                event.reply("ok").setEphemeral(true).queue();
            }
        });
        discord.slash(guild, alice, "whoami", Map.of());
        assertThat(seen.poll(5, TimeUnit.SECONDS)).doesNotContain(Long.toString(organizers.id()));

        alice.addRole(organizers);
        discord.slash(guild, alice, "whoami", Map.of());

        assertThat(seen.poll(5, TimeUnit.SECONDS)).contains(Long.toString(organizers.id()));
        assertThat(alice.roleIds()).contains(organizers.id());
        assertThatThrownBy(() -> alice.addRole(new FakeRole(1L, "elsewhere", 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMessageDeletedByHandIsUnknownToTheBotAfterwards() {
        login(new ListenerAdapter() { });
        TextChannel general = jda.getTextChannelById(GENERAL_ID);
        Message posted = general.sendMessage("start here").timeout(10, TimeUnit.SECONDS).complete();

        assertThat(discord.deleteMessageByHand(GENERAL_ID, posted.getIdLong())).isTrue();

        assertThat(discord.messages(GENERAL_ID)).isEmpty();
        assertThatThrownBy(() -> general.deleteMessageById(posted.getIdLong()).timeout(10, TimeUnit.SECONDS)
                .complete()).isInstanceOfSatisfying(ErrorResponseException.class,
                e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
        assertThat(discord.deleteMessageByHand(GENERAL_ID, posted.getIdLong())).isFalse();
        assertThat(discord.requests("DELETE", "channels/\\d+/messages/\\d+")).extracting(ApiRequest::status)
                .containsExactly(404);
    }
}
