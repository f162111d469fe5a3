using System.Net;
using System.Text;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>Answers Human API's endpoints from memory, so the benchmarks measure this library and not a network.</summary>
internal sealed class CannedHumanApiHandler(string clientId, string clientUserId) : HttpMessageHandler
{
    private readonly byte[] _tokens = Encoding.UTF8.GetBytes(
        $$"""{"humanId":"52867cbede3155565f000a0d","accessToken":"{{new string('a', 220)}}=","publicToken":"2767d60ea95f4c3db8e8f3d0a1238302","clientId":"{{clientId}}","clientUserId":"{{clientUserId}}"}""");

    private readonly byte[] _publicTokens = Encoding.UTF8.GetBytes(
        """{"humanId":"52867cbede3155565f000a0d","publicToken":"a95f4c3db8e8f3d0a1232767d60e8399"}""");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.RequestUri!.AbsolutePath.EndsWith("/publictokens", StringComparison.Ordinal) ? _publicTokens : _tokens;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }
}
