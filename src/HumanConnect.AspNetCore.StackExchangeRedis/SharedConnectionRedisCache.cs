using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;

namespace HumanConnect.AspNetCore.StackExchangeRedis;

/// <summary>
/// Microsoft's <see cref="RedisCache"/> on the shared connection, as the app's <see cref="IDistributedCache"/>, minus
/// its disposal: disposing a <see cref="RedisCache"/> closes the connection it was given, which belongs to
/// <see cref="RedisConnection"/> (or to the host), and the coordinator and the key ring may still be using it.
/// </summary>
internal sealed class SharedConnectionRedisCache(RedisCache cache) : IBufferDistributedCache
{
    public byte[]? Get(string key) => cache.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => cache.GetAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => cache.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        cache.SetAsync(key, value, options, token);

    public void Refresh(string key) => cache.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => cache.RefreshAsync(key, token);

    public void Remove(string key) => cache.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => cache.RemoveAsync(key, token);

    public bool TryGet(string key, IBufferWriter<byte> destination) => ((IBufferDistributedCache)cache).TryGet(key, destination);

    public ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default) =>
        ((IBufferDistributedCache)cache).TryGetAsync(key, destination, token);

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) =>
        ((IBufferDistributedCache)cache).Set(key, value, options);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        ((IBufferDistributedCache)cache).SetAsync(key, value, options, token);
}
