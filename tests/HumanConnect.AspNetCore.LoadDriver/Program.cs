using System.Globalization;
using System.Net;
using HumanConnect.AspNetCore.LoadDriver;

// Drives the published sample host the way browsers would, over loopback HTTP: many signed-in users open the page
// with the button, renew their publicToken, and finish Connect with fresh session tokens pre-minted through the
// sandbox's shortcut, spread across every instance given. Then it checks, user by user, that what each instance
// renders is what the sandbox holds (nothing lost, nothing stale), and reports each instance's memory.
// Usage (build/load-test.sh passes these): --site URL [--site URL] --sandbox URL --state-file PATH --pid PID [--pid PID]
//   [--users 1000] [--finishes 100000] [--seconds 10] [--connections 16] [--label one]
var arguments = Arguments.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    UseCookies = false,
    AllowAutoRedirect = false,
    MaxConnectionsPerServer = arguments.Connections * 2,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    AutomaticDecompression = DecompressionMethods.None,
}) { Timeout = TimeSpan.FromSeconds(30) };
var sites = arguments.Sites.Select(site => new SampleSite(http, site)).ToArray();
var sandbox = new Sandbox(http, new Uri(arguments.Sandbox, "v1/connect/sessions"), arguments.StateFile);
SampleSite SiteFor(int i) => sites[i % sites.Length];
var memory = new MemoryReadings(arguments.Pids);
var phases = new List<PhaseResult>();
var finishes = 0;

Console.Error.WriteLine($"[{arguments.Label}] signing in {arguments.Users} users...");
var users = Enumerable.Range(0, arguments.Users).Select(i => new SampleUser($"load-{arguments.Label}-{i:D6}")).ToArray();
var signIn = await Load.EachAsync("sign-in (not measured)", arguments.Connections, users, async user => { await sites[0].SignInAsync(user); return true; });
Require(signIn.Errors == 0, $"{signIn.Errors} sign-ins failed.");

Console.Error.WriteLine($"[{arguments.Label}] first connect of every user (create mode)...");
var creates = await MintAsync(users.Select(user => (user, (string?)null)).ToList());
var created = await Load.EachAsync("finish, create mode", arguments.Connections, Indexed(creates), item => FinishAsync(item.Index, item.Value));
phases.Add(created);
finishes += created.Requests;

Console.Error.WriteLine($"[{arguments.Label}] warming up, then measuring the page and public-token...");
await Load.ForAsync("warm-up", arguments.Connections, TimeSpan.FromSeconds(3), i => SiteFor(i).GetPageAsync(users[i % users.Length]));
memory.Read("after warm-up");
phases.Add(await Load.ForAsync("page + button", arguments.Connections, arguments.Duration, i => SiteFor(i).GetPageAsync(users[i % users.Length])));
phases.Add(await Load.ForAsync("public-token", arguments.Connections, arguments.Duration, async i => await SiteFor(i).RefreshAsync(users[i % users.Length]) is not null));

Console.Error.WriteLine($"[{arguments.Label}] finishing (edit mode) until {arguments.Finishes:N0} finishes...");
var editRounds = new List<PhaseResult>();
var halfway = false;
while (finishes < arguments.Finishes)
{
    var truth = sandbox.ReadUsers();
    var perUser = Math.Clamp((arguments.Finishes - finishes) / users.Length, 1, 10);
    var work = users.SelectMany(user => Enumerable.Repeat((user, (string?)truth[user.ClientUserId].PublicToken), perUser)).ToList();
    var round = await Load.EachAsync("finish, edit mode", arguments.Connections, Indexed(Shuffle(await MintAsync(work))), item => FinishAsync(item.Index, item.Value));
    editRounds.Add(round);
    finishes += round.Requests;
    if (!halfway && finishes >= arguments.Finishes / 2)
    {
        memory.Read($"after {finishes:N0} finishes");
        halfway = true;
    }
}

memory.Read($"after {finishes:N0} finishes");
// Every round together: the request rate over all of them, and the median round's latency quantiles.
phases.Add(new PhaseResult($"finish, edit mode ({editRounds.Count} rounds)", editRounds.Sum(r => r.Requests), editRounds.Sum(r => r.Errors),
    editRounds.Sum(r => r.Seconds), Median(editRounds.Select(r => r.P50Ms)), Median(editRounds.Select(r => r.P99Ms))));

Console.Error.WriteLine($"[{arguments.Label}] checking every user on every instance...");
var check = await StoreCheck.RunAsync(sites, users, sandbox.ReadUsers());
Report.Print(arguments, phases, check, memory, finishes);
return phases.Sum(phase => phase.Errors) == 0 && check.Lost == 0 && check.Stale == 0 ? 0 : 1;

async Task<List<(SampleUser User, string Body)>> MintAsync(List<(SampleUser User, string? PublicToken)> work)
{
    var minted = new (SampleUser, string)[work.Count];
    var mint = await Load.EachAsync("mint (not measured)", arguments.Connections, Indexed(work), async item =>
    {
        minted[item.Index] = (item.Value.User, await sandbox.MintAsync(item.Value.User, item.Value.PublicToken));
        return true;
    });
    Require(mint.Errors == 0, $"{mint.Errors} session tokens could not be minted.");
    return [.. minted];
}

async Task<bool> FinishAsync(int index, (SampleUser User, string Body) item) =>
    await SiteFor(index).FinishAsync(item.User, item.Body) is not null;

static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);

static List<(int Index, T Value)> Indexed<T>(IReadOnlyList<T> items) => [.. items.Select((item, i) => (i, item))];

static List<T> Shuffle<T>(List<T> items)
{
    // Seeded: a run is repeatable; a user's finishes land spread over the round, on different instances.
    var random = new Random(20261201);
    random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items));
    return items;
}

static void Require(bool condition, string message)
{
    if (!condition)
    {
        Console.Error.WriteLine(message);
        Environment.Exit(1);
    }
}

/// <summary>The command line, with the defaults build/load-test.sh relies on.</summary>
internal sealed record Arguments(Uri[] Sites, Uri Sandbox, string StateFile, int[] Pids, int Users, int Finishes, TimeSpan Duration, int Connections, string Label)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            (values.TryGetValue(args[i], out var list) ? list : values[args[i]] = []).Add(args[i + 1]);
        }

        string One(string name, string? fallback = null) =>
            values.TryGetValue(name, out var list) ? list[^1] : fallback ?? throw new ArgumentException($"{name} is required.");
        int Number(string name, int fallback) => int.Parse(One(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        static Uri Dir(string url) => new(url.EndsWith('/') ? url : url + "/");
        return new Arguments(
            [.. values.GetValueOrDefault("--site", []).Select(Dir)], Dir(One("--sandbox")), One("--state-file"),
            [.. values.GetValueOrDefault("--pid", []).Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))],
            Number("--users", 1000), Number("--finishes", 100_000), TimeSpan.FromSeconds(Number("--seconds", 10)),
            Number("--connections", 16), One("--label", "run"));
    }
}
