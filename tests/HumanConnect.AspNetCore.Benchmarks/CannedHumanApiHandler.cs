using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// Answers Human API's endpoints from memory, with bodies serialized once, so the benchmarks measure this library
/// and not a network nor a fake's bookkeeping. Not a test fake: it checks nothing and answers every call with 200.
/// </summary>
internal sealed class CannedHumanApiHandler : HttpMessageHandler
{
    private readonly byte[] _tokens = JsonSerializer.SerializeToUtf8Bytes(TestData.TokensAnswer(TestData.Alice));

    private readonly byte[] _publicTokens = JsonSerializer.SerializeToUtf8Bytes(
        new Dictionary<string, string> { ["humanId"] = TestData.HumanId, ["publicToken"] = TestData.NewPublicToken });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.RequestUri!.AbsolutePath.EndsWith("/publictokens", StringComparison.Ordinal) ? _publicTokens : _tokens;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }
}
