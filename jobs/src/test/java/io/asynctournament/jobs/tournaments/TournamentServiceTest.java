package io.asynctournament.jobs.tournaments;

import io.asynctournament.db.GuildRepository;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.TournamentAdminLevel;
import io.asynctournament.db.task.TaskSettingRepository;
import io.asynctournament.db.testing.DatabaseExtension;
import io.asynctournament.db.testing.MutableClock;
import io.asynctournament.db.testing.TestDatabase;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.results.InvalidResultsFileException;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.time.Instant;
import java.util.Set;

import static io.asynctournament.db.generated.Tables.AUDIT_LOG;
import static io.asynctournament.db.generated.Tables.PERMALINK;
import static io.asynctournament.db.generated.Tables.POOL;
import static io.asynctournament.db.generated.Tables.TOURNAMENT;
import static io.asynctournament.db.generated.Tables.TOURNAMENT_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class TournamentServiceTest {
    private static final long GUILD = 4242;
    private static final Requester ADMIN = new Requester(1, GUILD, Set.of(), true, false);
    private static final Requester MEMBER = new Requester(2, GUILD, Set.of(), false, false);

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final TournamentService service = new TournamentService(dsl,
            new MutableClock(Instant.parse("2026-06-01T12:00:00Z")), new GuildRepository(),
            new TournamentSetupRepository(), new TaskCatalog(dsl, new TaskSettingRepository()),
            new AuditLogRepository());
    private TournamentRow cup;

    @BeforeEach
    void aTournament() {
        cup = service.create(ADMIN, "Speedrun Club", "Summer Cup", 6001, 1, 0, false, null, null);
    }

    @Test
    void creates_an_active_tournament_in_the_guild_and_audits_it() {
        assertThat(cup.active()).isTrue();
        assertThat(cup.discordGuildId()).isEqualTo(GUILD);
        assertThat(cup.channelId()).isEqualTo(6001);
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("tournament_create"))).isEqualTo(1);
        assertThat(service.find(ADMIN, "Summer Cup").id()).isEqualTo(cup.id());
    }

    @Test
    void bad_creations_are_refused_and_change_nothing() {
        String before = snapshot();
        assertKind(() -> service.create(MEMBER, "Speedrun Club", "Winter", 6001, 1, 0, false, null, null),
                UserError.Kind.REFUSED, "Manage Server");
        assertKind(() -> service.create(ADMIN, "Speedrun Club", "Summer Cup", 6001, 1, 0, false, null, null),
                UserError.Kind.CONFLICT, "already has a tournament named 'Summer Cup'");
        assertKind(() -> service.create(ADMIN, "Speedrun Club", "Bad\nName", 6001, 1, 0, false, null, null),
                UserError.Kind.BAD_INPUT, "U+000A");
        assertKind(() -> service.create(ADMIN, "Speedrun Club", "x".repeat(101), 6001, 1, 0, false, null, null),
                UserError.Kind.BAD_INPUT, "101 characters");
        assertKind(() -> service.create(ADMIN, "Speedrun Club", "Winter", 6001, 0, 0, false, null, null),
                UserError.Kind.BAD_INPUT, "runs_per_pool must be from 1 to 100, got 0");
        assertKind(() -> service.create(ADMIN, "Speedrun Club", "Winter", 6001, 1, 0, false, -1, null),
                UserError.Kind.BAD_INPUT, "min_account_age_days");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void pools_and_permalinks_are_added_once_with_their_checks() {
        service.addPool(ADMIN, cup, "Week 1");
        service.addPermalink(ADMIN, cup, "Week 1", "https://seeds.example/abc", "Standard settings");
        String before = snapshot();
        assertKind(() -> service.addPool(ADMIN, cup, "Week 1"), UserError.Kind.CONFLICT, "already has a pool");
        assertKind(() -> service.addPermalink(ADMIN, cup, "Week 1", "https://seeds.example/abc", null),
                UserError.Kind.CONFLICT, "already has the permalink");
        assertKind(() -> service.addPermalink(ADMIN, cup, "Week 9", "https://seeds.example/x", null),
                UserError.Kind.NOT_FOUND, "has no pool named 'Week 9'; it has: Week 1");
        assertKind(() -> service.addPermalink(ADMIN, cup, "Week 1", "javascript:alert(1)", null),
                UserError.Kind.BAD_INPUT, "http(s) URL");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(service.pools(cup)).extracting(p -> p.name() + "=" + p.permalinks()).containsExactly("Week 1=1");
    }

    @Test
    void a_permalinks_file_imports_all_or_nothing_with_every_bad_line_numbered() {
        String bad = """
                pool,url,notes
                Week 1,https://seeds.example/1,first
                Week 1,ftp://seeds.example/2,
                Week 2,https://seeds.example/3,
                Week 1,https://seeds.example/1,again
                """;
        String before = snapshot();
        assertThatThrownBy(() -> service.importPermalinks(ADMIN, cup, new PermalinkCsvReader().read(new StringReader(bad))))
                .isInstanceOfSatisfying(InvalidResultsFileException.class, e -> assertThat(e.badLines())
                        .extracting(l -> l.line() + ": " + l.reason())
                        .containsExactly("3: the url must be an http(s) URL of at most 500 characters, got "
                                        + "'ftp://seeds.example/2'",
                                "5: the permalink https://seeds.example/1 is already on an earlier line for pool "
                                        + "'Week 1'"));
        assertThat(snapshot()).isEqualTo(before);

        int added = service.importPermalinks(ADMIN, cup, new PermalinkCsvReader().read(new StringReader("""
                pool,url,notes
                Week 1,https://seeds.example/1,first
                Week 2,https://seeds.example/3,
                """)));
        assertThat(added).isEqualTo(2);
        assertThat(service.pools(cup)).extracting(p -> p.name()).containsExactly("Week 1", "Week 2");
        assertThatThrownBy(() -> new PermalinkCsvReader().read(new StringReader("name,link\na,b\n")))
                .isInstanceOf(UserError.class).hasMessageContaining("pool,url[,notes]");
    }

    @Test
    void timeouts_are_validated_as_the_task_config_and_say_where_each_value_comes_from() {
        TournamentTimeouts set = service.setTimeouts(ADMIN, cup, null, 30, null, false);
        assertThat(set.timeout()).isEqualTo(new TournamentTimeouts.Value(30, "tournament"));
        assertThat(set.warning()).isEqualTo(new TournamentTimeouts.Value(10, "default"));
        assertThat(set.maxHours()).isEqualTo(new TournamentTimeouts.Value(12, "default"));
        cup = service.find(ADMIN, "Summer Cup");
        String before = snapshot();
        assertKind(() -> service.setTimeouts(ADMIN, cup, 30, null, null, false), UserError.Kind.BAD_INPUT,
                "warning_minutes (30) must be below timeout_minutes (30)");
        assertKind(() -> service.setTimeouts(ADMIN, cup, null, null, 169, false), UserError.Kind.BAD_INPUT,
                "max_hours must be from 1 to 168, got 169");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(service.setTimeouts(ADMIN, cup, null, null, null, true).timeout())
                .isEqualTo(new TournamentTimeouts.Value(20, "default"));
    }

    @Test
    void close_and_open_are_conflicts_when_already_so() {
        service.setOpen(ADMIN, cup, false);
        assertThat(service.find(ADMIN, "Summer Cup").active()).isFalse();
        assertKind(() -> service.setOpen(ADMIN, cup, false), UserError.Kind.CONFLICT, "already closed");
        service.setOpen(ADMIN, cup, true);
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.in("tournament_close", "tournament_open"))).isEqualTo(2);
    }

    @Test
    void a_role_grant_covers_members_who_get_the_role_later_and_a_user_grant_covers_that_user() {
        long organizers = 77;
        assertKind(() -> service.find(MEMBER, "Summer Cup"), UserError.Kind.REFUSED, "admin grant");
        service.grant(ADMIN, cup, organizers, null, TournamentAdminLevel.admin);
        Requester laterMember = new Requester(3, GUILD, Set.of(organizers), false, false);
        assertThat(service.find(laterMember, "Summer Cup").id()).isEqualTo(cup.id());

        service.grant(ADMIN, cup, null, 2L, TournamentAdminLevel.reviewer);
        assertThat(service.levelOf(MEMBER, cup)).contains(TournamentAdminLevel.reviewer);
        assertKind(() -> service.requireAdmin(MEMBER, cup), UserError.Kind.REFUSED, "admin grant");
        assertKind(() -> service.grant(ADMIN, cup, null, 2L, TournamentAdminLevel.reviewer), UserError.Kind.CONFLICT,
                "already reviewer");
        service.grant(ADMIN, cup, null, 2L, TournamentAdminLevel.admin);
        assertThat(service.levelOf(MEMBER, cup)).contains(TournamentAdminLevel.admin);

        service.revoke(ADMIN, cup, organizers, null);
        assertKind(() -> service.find(laterMember, "Summer Cup"), UserError.Kind.REFUSED, "admin grant");
        assertKind(() -> service.revoke(ADMIN, cup, organizers, null), UserError.Kind.NOT_FOUND, "no grant");
        Requester otherGuildAdmin = new Requester(9, 999, Set.of(), true, false);
        assertKind(() -> service.requireAdmin(otherGuildAdmin, cup), UserError.Kind.REFUSED, "admin grant");
    }

    private static void assertKind(Runnable action, UserError.Kind kind, String message) {
        assertThatThrownBy(action::run).isInstanceOf(UserError.class).hasMessageContaining(message)
                .extracting(e -> ((UserError) e).kind()).isEqualTo(kind);
    }

    private String snapshot() {
        return dsl.selectFrom(TOURNAMENT).orderBy(TOURNAMENT.ID).fetch().formatCSV()
                + dsl.selectFrom(POOL).orderBy(POOL.ID).fetch().formatCSV()
                + dsl.selectFrom(PERMALINK).orderBy(PERMALINK.ID).fetch().formatCSV()
                + dsl.selectFrom(TOURNAMENT_ADMIN).orderBy(TOURNAMENT_ADMIN.ID).fetch().formatCSV()
                + dsl.fetchCount(AUDIT_LOG);
    }
}
