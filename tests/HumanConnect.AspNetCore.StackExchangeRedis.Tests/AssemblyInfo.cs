[assembly: AssemblyFixture(typeof(HumanConnect.AspNetCore.TestInfrastructure.SharedRedis))]
