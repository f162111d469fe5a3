using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

// One Production host and one Development host serve every case.
[assembly: AssemblyFixture(typeof(HostileHosts))]

// The families mostly wait on sockets, not the CPU: let more of them run at once than there are cores.
[assembly: Xunit.v3.Parallelization(MaxThreads = 8)]
