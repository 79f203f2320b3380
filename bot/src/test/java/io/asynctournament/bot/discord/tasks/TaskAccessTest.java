package io.asynctournament.bot.discord.tasks;

import io.asynctournament.bot.discord.interaction.Caller;
import io.asynctournament.db.TournamentScope;
import io.asynctournament.jobs.tasks.BuiltInTasks;
import io.asynctournament.jobs.tasks.TaskCatalog.ResolvedTask;
import io.asynctournament.jobs.tasks.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TaskAccessTest {
    private static final long HOME = 100L;
    private static final long OTHER = 200L;

    private final TaskAccess access = new TaskAccess();
    private final ResolvedTask builtIn = new ResolvedTask(BuiltInTasks.all().get(0), TournamentScope.allActive(), true,
            null, Optional.empty());
    private final ResolvedTask homeInstance = instance(HOME);
    private final ResolvedTask otherInstance = instance(OTHER);

    @Test
    void operators_manage_every_task() {
        Caller operator = new Caller(1, HOME, "home", java.util.Set.of(), false, true);

        assertThat(access.mayManage(operator, builtIn)).isTrue();
        assertThat(access.mayManage(operator, homeInstance)).isTrue();
        assertThat(access.mayManage(operator, otherInstance)).isTrue();
    }

    @Test
    void a_guild_admin_manages_only_their_guilds_instances() {
        Caller admin = new Caller(2, HOME, "home", java.util.Set.of(), true, false);

        assertThat(access.refusal(admin, builtIn)).contains("only the bot's operators may manage the built-in task "
                + builtIn.definition().id());
        assertThat(access.mayManage(admin, homeInstance)).isTrue();
        assertThat(access.refusal(admin, otherInstance)).contains("unknown task '"
                + otherInstance.definition().id() + "'");
        assertThat(access.guildRefusal(admin)).isEmpty();
    }

    @Test
    void a_plain_member_manages_nothing() {
        Caller member = new Caller(3, HOME, "home", java.util.Set.of(), false, false);

        assertThat(access.mayManage(member, builtIn)).isFalse();
        assertThat(access.refusal(member, homeInstance)).contains("managing this server's tasks needs the Manage "
                + "Server permission");
        assertThat(access.guildRefusal(member)).isPresent();
    }

    private static ResolvedTask instance(long guild) {
        TaskDefinition base = BuiltInTasks.all().get(0);
        return new ResolvedTask(new TaskDefinition(base.id() + ".guild-" + guild, base.name(), base.type(),
                base.schedule(), base.config()), new TournamentScope(java.util.Set.of(), guild, java.util.Set.of()),
                true, guild, Optional.empty());
    }
}
