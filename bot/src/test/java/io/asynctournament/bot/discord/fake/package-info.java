/**
 * A local fake of Discord (REST API v10 + gateway websocket on one OkHttp MockWebServer) for testing the bot end
 * to end with real JDA, without network access.
 *
 * <pre>{@code
 * try (FakeDiscord discord = FakeDiscord.start()) {
 *     FakeGuild guild = discord.guild(1L, "Async Cup");           // declare before login
 *     FakeMember alice = guild.member(2L, "alice", Permission.MANAGE_SERVER);
 *     FakeChannel channel = guild.textChannel(3L, "general");
 *     JDA jda = discord.configure(JDABuilder.createLight("token")).addEventListeners(bot).build();
 *     // wait (bounded) for jda.getStatus() == CONNECTED, then:
 *     SlashReply reply = discord.slash(guild, alice, "tasks pause", Map.of("reason", "maintenance"));
 *     ComponentReply clicked = discord.button(channel, alice, discord.messages(3L).get(0), "join");
 *     OpenedModal modal = discord.slash(guild, alice, "signup", Map.of()).modal();
 *     ComponentReply submitted = discord.modalSubmit(channel, alice, modal.customId(), Map.of("runner", "Link"));
 *     discord.failNext("POST", "channels/\\d+/messages", Failure.rateLimited(Duration.ofSeconds(1)));
 * }
 * }</pre>
 */
package io.asynctournament.bot.discord.fake;
