using System.Text;
using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;
using static HumanConnect.AspNetCore.HostileInputTests.Infrastructure.LibraryCase;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// Abuse below the body's content: lengths that lie, broken chunking, oversized uploads (also to public-token, which
/// reads no body), and bodies that trickle at a byte a second or stop. The slow ones all start together when the
/// class does, so the family takes about as long as its slowest case.
/// </summary>
public sealed class TransportCases
{
    private static readonly TimeSpan OneByteASecond = TimeSpan.FromSeconds(1);

    internal static readonly CaseBook Book = new([.. Lengths(), .. Chunking(), .. Oversized(), .. Slow(), .. SyncInTheLegacyFlow()]);

    private readonly HostileHosts _hosts;

    public TransportCases(HostileHosts hosts)
    {
        _hosts = hosts;
        CaseRunner.Prestart(hosts.Production, Book.All.Where(hostileCase => hostileCase.Slow));
    }

    public static TheoryData<string> Names => Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_with_a_problem_and_no_side_effect(string name) =>
        (await CaseRunner.RunAsync(_hosts.Production, Book[name])).AssertClean();

    /// <summary>Valid chunked encoding of <paramref name="payload"/> in chunks of <paramref name="size"/> bytes.</summary>
    internal static string Chunks(string payload, int size = 1024)
    {
        var chunked = new StringBuilder();
        for (var offset = 0; offset < payload.Length; offset += size)
        {
            var chunk = payload.Substring(offset, Math.Min(size, payload.Length - offset));
            chunked.Append(chunk.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n").Append(chunk).Append("\r\n");
        }

        return chunked.Append("0\r\n\r\n").ToString();
    }

    /// <summary>The valid JSON padded with an unknown member to exactly <paramref name="bytes"/> bytes.</summary>
    internal static string Padded(CaseContext context, int bytes) =>
        context.ValidJsonWith($"\"pad\":\"{new string('a', bytes - context.ValidJson.Length - "\"pad\":\"\",".Length)}\"");

    private static HostileCase Case(string name, Func<CaseContext, RequestBuilder> request, Expectation expect) => new(name, request, expect);

    private static IEnumerable<HostileCase> Lengths()
    {
        var tooLarge = Expectation.Problem(413, "body_too_large");
        yield return Case("length: declared 9000, 9000 bytes of JSON sent",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(Padded(context, 9000)), tooLarge);
        yield return Case("length: declared 1 GiB, a small JSON sent",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(context.ValidJson).DeclaredLength("1073741824"), tooLarge);
        yield return Case("length: public-token declared 9000, 9000 bytes sent",
            context => RequestBuilder.Post(PublicToken).SignedIn(context.Alice).Json(Padded(context, 9000)), tooLarge);
        yield return Case("length: public-token declared 1 GiB, nothing sent",
            context => RequestBuilder.Post(PublicToken).SignedIn(context.Alice).Body([], "application/json").DeclaredLength("1073741824"), tooLarge);
        yield return Case("length: declared shorter than the JSON sent",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(context.ValidJson).DeclaredLength("20"), Expectation.Problem(400, "malformed_body"));
        yield return Case("length: declared zero, the JSON sent anyway",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(context.ValidJson).DeclaredLength("0"), Expectation.Problem(400, "malformed_body"));
        yield return Case("length: declared longer than sent, then the client closes",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(context.ValidJson).DeclaredLength("500").ThenClose(), Expectation.NoAnswer);
        yield return Case("length: half the form sent, then the client closes",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Form(context.ValidForm).SendOnly(30).ThenClose(), Expectation.NoAnswer);
    }

    private static IEnumerable<HostileCase> Chunking()
    {
        var malformed = Expectation.Problem(400, "malformed_body");
        yield return Case("chunked: invalid chunk size zz",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Chunked($"zz\r\n{context.ValidJson}\r\n0\r\n\r\n"), malformed);
        yield return Case("chunked: chunk size that overflows",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Chunked($"FFFFFFFFFFFFFFFFFFFF\r\n{context.ValidJson}\r\n0\r\n\r\n"), malformed);
        yield return Case("chunked: negative chunk size",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Chunked($"-1\r\n{context.ValidJson}\r\n0\r\n\r\n"), malformed);
        yield return Case("chunked: no CRLF after the chunk data",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice)
                .Chunked($"{context.ValidJson.Length:x}\r\n{context.ValidJson}0\r\n\r\n"), malformed);
        yield return Case("chunked: chunk longer than its declared size",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Chunked($"4\r\n{context.ValidJson}\r\n0\r\n\r\n"), malformed);
        yield return Case("chunked: valid chunking of truncated JSON",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Chunked(Chunks(context.ValidJson[..^5], 16)), malformed);
        yield return Case("chunked: the form cut mid-chunk, then the client closes",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice)
                .Chunked($"{context.ValidForm.Length:x}\r\n{context.ValidForm[..20]}", "application/x-www-form-urlencoded").ThenClose(), Expectation.NoAnswer);
    }

    private static IEnumerable<HostileCase> Oversized()
    {
        var tooLarge = Expectation.Problem(413, "body_too_large");
        foreach (var (target, label) in new[]
        {
            (Finish, "finish"), (PublicToken, "public-token"), (Disconnect, "disconnect"), ("/health" + PublicToken, "/health public-token"),
        })
        {
            yield return Case($"chunked: 9 KiB body to {label}",
                context => RequestBuilder.Post(target).SignedIn(context.Alice).Chunked(Chunks(Padded(context, 9 * 1024))), tooLarge);
            yield return Case($"chunked: 200 KiB body to {label}",
                context => RequestBuilder.Post(target).SignedIn(context.Alice).Chunked(Chunks(Padded(context, 200 * 1024), 8192)), tooLarge);
        }
    }

    /// <summary>
    /// Sync on the legacy hosts: a declared body over 8 KiB is refused by the group's size filter, which runs before the
    /// version filter (413); a chunked one is never read, since the version filter answers 404 connect_version_mismatch
    /// first. <see cref="ConnectV2Cases"/> sends the same bodies where sync reads them.
    /// </summary>
    private static IEnumerable<HostileCase> SyncInTheLegacyFlow()
    {
        yield return Case("length: sync declared 9000, 9000 bytes sent",
            context => RequestBuilder.Post(Sync).SignedIn(context.Alice).Json(ConnectV2Cases.Padding(9000)), Expectation.Problem(413, "body_too_large"));
        yield return Case("chunked: 200 KiB body to sync, in the legacy flow",
            context => RequestBuilder.Post(Sync).SignedIn(context.Alice).Chunked(Chunks(ConnectV2Cases.Padding(200 * 1024), 8192)),
            Expectation.Problem(404, "connect_version_mismatch"));
    }

    private static IEnumerable<HostileCase> Slow()
    {
        var timeout = Expectation.Problem(408, "request_timeout");
        yield return Case("slow: declared longer than the JSON sent, then the client stalls",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(context.ValidJson).DeclaredLength("500"), timeout) with { Slow = true };
        yield return Case("slow: half the JSON sent, then the client stalls",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(context.ValidJson).SendOnly(40), timeout) with { Slow = true };
        yield return Case("slow: half the form sent, then the client stalls",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Form(context.ValidForm).SendOnly(40), timeout) with { Slow = true };
        yield return Case("slow: chunked, cut mid-chunk, then the client stalls",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Chunked($"{context.ValidJson.Length:x}\r\n{context.ValidJson[..30]}"), timeout) with { Slow = true };
        yield return Case("slow: chunked, no last chunk, then the client stalls",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Chunked(Chunks(context.ValidJson)[..^5]), timeout) with { Slow = true };
        yield return Case("slow: JSON at one byte a second",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(context.ValidJson).Trickle(OneByteASecond), timeout) with { Slow = true };
        yield return Case("slow: form at one byte a second",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Form(context.ValidForm).Trickle(OneByteASecond), timeout) with { Slow = true };
        yield return Case("slow: chunked JSON at one byte a second",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Chunked(Chunks(context.ValidJson)).Trickle(OneByteASecond), timeout) with { Slow = true };
    }
}
