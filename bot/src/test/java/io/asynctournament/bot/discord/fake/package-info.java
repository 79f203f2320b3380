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
 * }   // close() fails if a request or response broke Discord's OpenAPI spec (see SpecViolation)
 * }</pre>
 *
 * <p>Every request is checked against Discord's OpenAPI spec ({@link io.asynctournament.bot.discord.fake.DiscordSpec})
 * and answered 404 / 405 / 400 (error 50035) when it breaks it; every response of the fake is checked too. A violation
 * fails the test that caused it: {@code close()} throws, and {@code SpecViolationsExtension} (auto-registered) checks
 * open fakes after each test; {@code takeSpecViolations()} is for tests that break the spec on purpose. Discord's
 * rate limits are enforced ({@link io.asynctournament.bot.discord.fake.RateLimits}; {@code rateLimits(RateLimits.off())}
 * for a test that measures something else). The gateway keeps one session per shard, replays missed events on
 * RESUME, and can withhold heartbeat ACKs ({@code withholdHeartbeatAcks()}) or hold reconnects ({@code holdGateway()}).
 */
package io.asynctournament.bot.discord.fake;
