using System.Text;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>The bytes of a request as they go on the wire: the head, then the body in parts (some of them paced).</summary>
internal sealed record RawRequest(byte[] Head, IReadOnlyList<RawPart> Parts, bool CloseAfterSending);

/// <summary>Part of a body; with <see cref="Pace"/>, sent one byte per interval.</summary>
internal sealed record RawPart(byte[] Bytes, TimeSpan? Pace = null);

/// <summary>
/// Writes a hostile request by hand. Unless told otherwise it is honest HTTP (a Content-Length that matches); each
/// abuse is one explicit call: a declared length that lies, a chunked body written raw, a body cut short, trickled,
/// or abandoned.
/// </summary>
internal sealed class RequestBuilder(string method, string target)
{
    public const string AntiforgeryHeader = "RequestVerificationToken";

    private readonly List<(string Name, string Value)> _headers = [];
    private byte[] _body = [];
    private string? _declaredLength;
    private bool _chunked;
    private int? _sendOnly;
    private TimeSpan? _pace;
    private bool _close;

    public static RequestBuilder Post(string target) => new("POST", target);

    public static RequestBuilder Get(string target) => new("GET", target);

    public RequestBuilder Header(string name, string value)
    {
        _headers.Add((name, value));
        return this;
    }

    /// <summary>Signed in as <paramref name="visitor"/>, with their antiforgery token in the header the library reads.</summary>
    public RequestBuilder SignedIn(Visitor visitor) => Header("Cookie", visitor.CookieHeader).Header(AntiforgeryHeader, visitor.RequestToken);

    /// <summary>The visitor's cookies only: no antiforgery header.</summary>
    public RequestBuilder CookiesOf(Visitor visitor) => Header("Cookie", visitor.CookieHeader);

    public RequestBuilder Json(string json) => Body(Encoding.UTF8.GetBytes(json), "application/json");

    public RequestBuilder Form(string form) => Body(Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded");

    public RequestBuilder Body(byte[] body, string? contentType)
    {
        _body = body;
        return contentType is null ? this : Header("Content-Type", contentType);
    }

    /// <summary>Declares this Content-Length whatever the body really is.</summary>
    public RequestBuilder DeclaredLength(string length)
    {
        _declaredLength = length;
        return this;
    }

    /// <summary>Sends <paramref name="rawChunkedBody"/> as is, after <c>Transfer-Encoding: chunked</c>: valid chunking or not is up to the case.</summary>
    public RequestBuilder Chunked(string rawChunkedBody, string contentType = "application/json") => Chunked(Encoding.Latin1.GetBytes(rawChunkedBody), contentType);

    public RequestBuilder Chunked(byte[] rawChunkedBody, string contentType = "application/json")
    {
        _chunked = true;
        return Body(rawChunkedBody, contentType);
    }

    /// <summary>Sends only the first <paramref name="bytes"/> of the body, then waits (the connection stays open).</summary>
    public RequestBuilder SendOnly(int bytes)
    {
        _sendOnly = bytes;
        return this;
    }

    /// <summary>Sends the body one byte per <paramref name="interval"/>.</summary>
    public RequestBuilder Trickle(TimeSpan interval)
    {
        _pace = interval;
        return this;
    }

    /// <summary>Closes the connection once what is to be sent is sent, without reading an answer.</summary>
    public RequestBuilder ThenClose()
    {
        _close = true;
        return this;
    }

    public RawRequest Build(int port, string caseId)
    {
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: 127.0.0.1:").Append(port).Append("\r\n")
            .Append(CaseLedger.CaseHeader).Append(": ").Append(caseId).Append("\r\n");
        foreach (var (name, value) in _headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (_chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
        }
        else if (_declaredLength is not null || _body.Length > 0 || method is "POST" or "PUT" or "PATCH")
        {
            head.Append("Content-Length: ").Append(_declaredLength ?? _body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("\r\n");
        var sent = _sendOnly is { } count ? _body[..count] : _body;
        RawPart[] parts = sent.Length == 0 ? [] : [new RawPart(sent, _pace)];
        return new RawRequest(Encoding.Latin1.GetBytes(head.ToString()), parts, _close);
    }
}
