package io.asynctournament.bot.discord.fake;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/** JDA's own session controller, pointed at the fake gateway instead of wss://gateway.discord.gg. */
final class FakeSessionController extends ConcurrentSessionController {
    private final String gatewayUrl;

    FakeSessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        return new ShardedGateway(gatewayUrl, 1, 1);
    }
}
