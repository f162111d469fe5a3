namespace HumanConnect.SampleHost.Storage;

/// <summary>Where the sample keeps its SQLite database of Human API tokens.</summary>
public sealed class SqliteTokenStoreOptions
{
    /// <summary>The database file; relative paths are under the app's content root.</summary>
    public string DatabasePath { get; set; } = "App_Data/human-tokens.db";
}
