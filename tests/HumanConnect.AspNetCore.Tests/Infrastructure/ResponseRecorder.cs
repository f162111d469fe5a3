namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>Keeps the status line, headers and body of every response for the secret scan.</summary>
internal sealed class ResponseRecorder(List<string> responses) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        lock (responses)
        {
            responses.Add($"{request.RequestUri} {response}\n{response.Content.Headers}\n{body}");
        }

        return response;
    }
}
