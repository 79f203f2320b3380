package io.asynctournament.jobs.tournaments;

import io.asynctournament.db.GuildRepository;
import io.asynctournament.db.audit.AuditEntry;
import io.asynctournament.db.audit.AuditLogRepository;
import io.asynctournament.db.generated.enums.TournamentAdminLevel;
import io.asynctournament.db.tournament.TournamentRow;
import io.asynctournament.db.tournament.TournamentSetupRepository;
import io.asynctournament.db.tournament.TournamentSetupRepository.Grant;
import io.asynctournament.db.tournament.TournamentSetupRepository.PoolSummary;
import io.asynctournament.jobs.errors.UserError;
import io.asynctournament.jobs.tasks.InProgressTimeoutSettings;
import io.asynctournament.jobs.tasks.PendingTimeoutSettings;
import io.asynctournament.jobs.tasks.TaskCatalog;
import io.asynctournament.jobs.tasks.TaskConfigKeys;
import io.asynctournament.jobs.tasks.TournamentTimeouts;
import io.asynctournament.jobs.validation.Names;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Discord guild's tournaments as their admins set them up (README "Admin guide"): create, pools, permalinks,
 * timeouts, open and close, the start message, and who may run a tournament. Who may: the guild's members with
 * Manage Server and the bot's operators, for every tournament of the guild; members granted {@code admin} on a
 * tournament (directly or through a role they have when they ask), for that tournament. Every change is one
 * transaction with its audit entry; a refusal changes nothing.
 */
public final class TournamentService {
    /** Most characters in a permalink url or notes. */
    public static final int MAX_URL = 500;
    public static final int MAX_NOTES = 1000;
    /** Limits of the numbers a tournament is created with. */
    public static final int MAX_RUNS_PER_POOL = 100;
    public static final int MAX_REATTEMPTS = 100;
    public static final int MAX_ACCOUNT_AGE_DAYS = 3650;

    private final DSLContext dsl;
    private final Clock clock;
    private final GuildRepository guilds;
    private final TournamentSetupRepository tournaments;
    private final TaskCatalog catalog;
    private final AuditLogRepository audit;

    public TournamentService(DSLContext dsl, Clock clock, GuildRepository guilds,
                             TournamentSetupRepository tournaments, TaskCatalog catalog, AuditLogRepository audit) {
        this.dsl = dsl;
        this.clock = clock;
        this.guilds = guilds;
        this.tournaments = tournaments;
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * Creates an active tournament in the requester's guild.
     *
     * @param guildName         the guild's name (recorded if the guild is new)
     * @param channelId         the channel of its start message and race threads
     * @param minAccountAgeDays the youngest account that may start, in days, or null
     * @param racerRoleId       the role racers need, or null
     * @throws UserError refused (no Manage Server), bad input (name, numbers), conflict (name taken)
     */
    public TournamentRow create(Requester by, String guildName, String name, long channelId, int runsPerPool,
                                int maxReattempts, boolean hideResults, Integer minAccountAgeDays, Long racerRoleId) {
        requireGuildAdmin(by, "create a tournament");
        String checked = Names.require("the tournament name", name);
        range("runs_per_pool", runsPerPool, 1, MAX_RUNS_PER_POOL);
        range("max_reattempts", maxReattempts, 0, MAX_REATTEMPTS);
        if (minAccountAgeDays != null) {
            range("min_account_age_days", minAccountAgeDays, 0, MAX_ACCOUNT_AGE_DAYS);
        }
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            long guildId = guilds.findOrCreate(c, by.discordGuildId(), Names.require("the guild name", guildName));
            long id = tournaments.insert(c, guildId, checked, channelId, runsPerPool, maxReattempts, hideResults,
                    minAccountAgeDays, racerRoleId).orElseThrow(() -> UserError.conflict("This server already has a "
                    + "tournament named '" + checked + "'; choose another name."));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("name", checked);
            details.put("channel", channelId);
            details.put("runs_per_pool", runsPerPool);
            details.put("max_reattempts", maxReattempts);
            details.put("hide_results", hideResults);
            details.put("min_account_age_days", minAccountAgeDays == null ? "none" : minAccountAgeDays);
            details.put("racer_role", racerRoleId == null ? "none" : racerRoleId);
            write(c, by, "tournament_create", id, details);
            return tournaments.find(c, id).orElseThrow();
        });
    }

    /**
     * The requester's guild's tournament with this name, when they may run it.
     *
     * @throws UserError not found (listing the guild's tournaments), refused
     */
    public TournamentRow find(Requester by, String name) {
        TournamentRow tournament = tournaments.findByName(dsl, by.discordGuildId(), name == null ? "" : name.strip())
                .orElseThrow(() -> UserError.notFound("This server has no tournament named '" + name + "'; it has: "
                        + names(by.discordGuildId())));
        requireAdmin(by, tournament);
        return tournament;
    }

    /** The names of the guild's tournaments, for autocomplete. */
    public List<String> tournamentNames(long discordGuildId) {
        return tournaments.ofGuild(dsl, discordGuildId).stream().map(TournamentRow::name).toList();
    }

    /** The tournament's pools, in order, with how many permalinks each has. */
    public List<PoolSummary> pools(TournamentRow tournament) {
        return tournaments.pools(dsl, tournament.id());
    }

    /** Adds a pool. @throws UserError bad input (name), conflict (the tournament has a pool of that name) */
    public PoolSummary addPool(Requester by, TournamentRow tournament, String name) {
        String checked = Names.require("the pool name", name);
        return dsl.transactionResult(tx -> {
            long id = tournaments.insertPool(tx.dsl(), tournament.id(), checked).orElseThrow(() ->
                    UserError.conflict(tournament.name() + " already has a pool named '" + checked + "'."));
            write(tx.dsl(), by, "pool_add", tournament.id(), Map.of("pool", checked, "pool_id", id));
            return new PoolSummary(id, checked, 0);
        });
    }

    /**
     * Adds a permalink to a pool of the tournament.
     *
     * @param url   an http(s) URL of at most {@value #MAX_URL} characters
     * @param notes at most {@value #MAX_NOTES} characters, or blank
     * @throws UserError bad input (url, notes), not found (pool), conflict (the pool has this url)
     */
    public void addPermalink(Requester by, TournamentRow tournament, String poolName, String url, String notes) {
        PermalinkLine line = PermalinkLine.check(poolName, url, notes, 0);
        dsl.transaction(tx -> {
            long poolId = pool(tx.dsl(), tournament, line.pool());
            if (tournaments.insertPermalink(tx.dsl(), poolId, line.url(), line.notes()).isEmpty()) {
                throw UserError.conflict("Pool '" + line.pool() + "' already has the permalink " + line.url() + ".");
            }
            write(tx.dsl(), by, "permalink_add", tournament.id(), Map.of("pool", line.pool(), "url", line.url()));
        });
    }

    /**
     * Adds every permalink of a {@code pool,url,notes} CSV, all or nothing: pools are created as needed; a url
     * already in its pool is left as it is.
     *
     * @return how many permalinks were new
     * @throws io.asynctournament.jobs.results.InvalidResultsFileException listing every bad line with its number
     */
    public int importPermalinks(Requester by, TournamentRow tournament, List<PermalinkLine> lines) {
        return dsl.transactionResult(tx -> {
            DSLContext c = tx.dsl();
            int added = 0;
            for (PermalinkLine line : lines) {
                long poolId = tournaments.poolId(c, tournament.id(), line.pool())
                        .orElseGet(() -> tournaments.insertPool(c, tournament.id(), line.pool()).orElseThrow());
                if (tournaments.insertPermalink(c, poolId, line.url(), line.notes()).isPresent()) {
                    added++;
                }
            }
            write(c, by, "permalinks_import", tournament.id(), Map.of("lines", lines.size(), "added", added));
            return added;
        });
    }

    /**
     * Records the start message just posted; returns the one it replaces (to delete), if any.
     */
    public Optional<Long> recordStartMessage(Requester by, TournamentRow tournament, long channelId, long messageId) {
        return dsl.transactionResult(tx -> {
            Optional<Long> previous = tournaments.setStartMessage(tx.dsl(), tournament.id(), channelId, messageId);
            write(tx.dsl(), by, "tournament_post", tournament.id(), Map.of("channel", channelId,
                    "message", messageId));
            return previous;
        });
    }

    /** The tournament's effective timeouts, each with its source. */
    public TournamentTimeouts timeouts(TournamentRow tournament) {
        return catalog.timeoutsFor(tournament.guildId(), tournament.warningMinutes(), tournament.timeoutMinutes(),
                tournament.maxHours());
    }

    /**
     * Sets the tournament's own timeouts; a null keeps the current override, {@code clear} drops all three first.
     * Validation is the task config's: warning_minutes 1 or more and below timeout_minutes, timeout_minutes 1 to
     * 10,080, max_hours 1 to 168 (README "Config keys, by task type").
     *
     * @throws UserError bad input naming the key and what is accepted
     */
    public TournamentTimeouts setTimeouts(Requester by, TournamentRow tournament, Integer warningMinutes,
                                          Integer timeoutMinutes, Integer maxHours, boolean clear) {
        Integer warning = warningMinutes != null ? warningMinutes : clear ? null : tournament.warningMinutes();
        Integer timeout = timeoutMinutes != null ? timeoutMinutes : clear ? null : tournament.timeoutMinutes();
        Integer hours = maxHours != null ? maxHours : clear ? null : tournament.maxHours();
        TournamentTimeouts effective = catalog.timeoutsFor(tournament.guildId(), warning, timeout, hours);
        PendingTimeoutSettings.from(Map.of(TaskConfigKeys.WARNING_MINUTES, effective.warning().value(),
                TaskConfigKeys.TIMEOUT_MINUTES, effective.timeout().value()));
        InProgressTimeoutSettings.from(Map.of(TaskConfigKeys.MAX_HOURS, effective.maxHours().value()));
        dsl.transaction(tx -> {
            tournaments.setTimeouts(tx.dsl(), tournament.id(), warning, timeout, hours);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("before", overrides(tournament.warningMinutes(), tournament.timeoutMinutes(),
                    tournament.maxHours()));
            details.put("after", overrides(warning, timeout, hours));
            write(tx.dsl(), by, "tournament_settings", tournament.id(), details);
        });
        return effective;
    }

    /** Closes (no new runs; open races keep their deadlines) or opens it. @throws UserError conflict when it is */
    public void setOpen(Requester by, TournamentRow tournament, boolean open) {
        dsl.transaction(tx -> {
            if (!tournaments.setActive(tx.dsl(), tournament.id(), open)) {
                throw UserError.conflict(tournament.name() + " is already " + (open ? "open" : "closed") + ".");
            }
            write(tx.dsl(), by, open ? "tournament_open" : "tournament_close", tournament.id(), Map.of());
        });
    }

    /**
     * Grants a role or a user (exactly one) a level on the tournament; a role grant covers whoever has the role when
     * they ask, members who get it later included.
     *
     * @throws UserError conflict when the grantee already has that level
     */
    public void grant(Requester by, TournamentRow tournament, Long roleId, Long userId, TournamentAdminLevel level) {
        grantee(roleId, userId);
        dsl.transaction(tx -> {
            if (!tournaments.grant(tx.dsl(), tournament.id(), roleId, userId, level, by.actor(), clock.instant())) {
                throw UserError.conflict(describe(roleId, userId) + " is already " + level.getLiteral() + " of "
                        + tournament.name() + ".");
            }
            write(tx.dsl(), by, "tournament_grant", tournament.id(), Map.of("grantee", describe(roleId, userId),
                    "level", level.getLiteral()));
        });
    }

    /** Removes a role's or user's grant. @throws UserError not found when there is none */
    public void revoke(Requester by, TournamentRow tournament, Long roleId, Long userId) {
        grantee(roleId, userId);
        dsl.transaction(tx -> {
            if (!tournaments.revoke(tx.dsl(), tournament.id(), roleId, userId)) {
                throw UserError.notFound(describe(roleId, userId) + " has no grant on " + tournament.name() + ".");
            }
            write(tx.dsl(), by, "tournament_revoke", tournament.id(), Map.of("grantee", describe(roleId, userId)));
        });
    }

    /** The tournament's grants. */
    public List<Grant> grants(TournamentRow tournament) {
        return tournaments.grants(dsl, tournament.id());
    }

    /**
     * The requester's level on the tournament: {@code admin} for the guild's Manage Server members and the
     * operators, else their grant's (direct or through a role), if any.
     */
    public Optional<TournamentAdminLevel> levelOf(Requester by, TournamentRow tournament) {
        if (isGuildAdmin(by, tournament)) {
            return Optional.of(TournamentAdminLevel.admin);
        }
        if (!by.isIn(tournament)) {
            return Optional.empty();
        }
        return tournaments.levelOf(dsl, tournament.id(), by.discordUserId(), by.roleIds());
    }

    /** @throws UserError refused unless the requester may run this tournament */
    public void requireAdmin(Requester by, TournamentRow tournament) {
        if (levelOf(by, tournament).filter(l -> l == TournamentAdminLevel.admin).isEmpty()) {
            throw UserError.refused("Running " + tournament.name() + " needs Manage Server or the tournament's "
                    + "admin grant (/async admins add).");
        }
    }

    private static boolean isGuildAdmin(Requester by, TournamentRow tournament) {
        return by.operator() || (by.manageServer() && by.isIn(tournament));
    }

    private static void requireGuildAdmin(Requester by, String what) {
        if (!by.operator() && !by.manageServer()) {
            throw UserError.refused("To " + what + " you need the Manage Server permission.");
        }
    }

    private long pool(DSLContext c, TournamentRow tournament, String name) {
        return tournaments.poolId(c, tournament.id(), name).orElseThrow(() -> UserError.notFound(tournament.name()
                + " has no pool named '" + name + "'; it has: " + tournaments.pools(c, tournament.id()).stream()
                .map(PoolSummary::name).collect(Collectors.joining(", ")) + " (add one with /async pool add)."));
    }

    private String names(long discordGuildId) {
        List<String> names = tournamentNames(discordGuildId);
        return names.isEmpty() ? "none yet (create one with /async create)" : String.join(", ", names);
    }

    private void write(DSLContext c, Requester by, String action, long tournamentId, Map<String, Object> details) {
        Instant now = clock.instant();
        audit.insertAll(c, List.of(new AuditEntry(by.actor(), action, "tournament:" + tournamentId, details, now)));
    }

    private static Map<String, Object> overrides(Integer warning, Integer timeout, Integer maxHours) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(TaskConfigKeys.WARNING_MINUTES, warning == null ? "task" : warning);
        values.put(TaskConfigKeys.TIMEOUT_MINUTES, timeout == null ? "task" : timeout);
        values.put(TaskConfigKeys.MAX_HOURS, maxHours == null ? "task" : maxHours);
        return values;
    }

    private static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw UserError.badInput(key + " must be from " + min + " to " + max + ", got " + value);
        }
    }

    private static void grantee(Long roleId, Long userId) {
        if ((roleId == null) == (userId == null)) {
            throw UserError.badInput("Give a role or a user, not both and not neither.");
        }
    }

    private static String describe(Long roleId, Long userId) {
        return roleId != null ? "<@&" + roleId + ">" : "<@" + userId + ">";
    }
}
