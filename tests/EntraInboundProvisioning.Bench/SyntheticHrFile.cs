using System.Text;

namespace EntraInboundProvisioning.Bench;

/// <summary>Writes an HR export shaped like the sample files: unique IDs, quoted fields with commas, non-ASCII names.</summary>
internal static class SyntheticHrFile
{
    private static readonly string[] FirstNames = ["Talya", "Zoë", "José", "Ginnie", "Łukasz", "Ærin", "Myriam", "Søren", "Ayşe", "Genevra"];
    private static readonly string[] LastNames = ["Fleeta", "Müller", "Durware", "Fadiman", "Ñúñez", "Østergård", "Melony", "Çelik"];
    private static readonly string[] Departments = ["Sales", "Product Engineering", "Human Resources", "Finance, Legal"];
    private static readonly string[] Cities = ["Chicago", "Frankfurt", "Paris", "Zürich", "São Paulo"];

    public static void Write(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("WorkerID,WorkerStatus,WorkerType,UserID,FirstName,LastName,FullName,GenderPronoun,ManagerID,HireDate,OnLeave,");
        writer.Write("Department,Division,CostCenter,Company,Location,JobTitle,StreetAddress,City,CountryCode,OfficePhone,Custom01,Custom02,ZipCode,UserPrincipalName\n");
        var random = new Random(20261129);
        for (int i = 0; i < rows; i++)
        {
            int id = 100000 + i;
            string first = FirstNames[random.Next(FirstNames.Length)];
            string last = LastNames[random.Next(LastNames.Length)];
            writer.Write($"{id},{(random.Next(10) == 0 ? "Inactive" : "Active")},Employee,EMP{id},{first},{last},\"{last}, {first}\",SHE/HER,");
            writer.Write($"{100000 + random.Next(Math.Max(i, 1))},20{random.Next(10, 25)}-0{random.Next(1, 10)}-1{random.Next(0, 10)},{(random.Next(2) == 0 ? "True" : "False")},");
            writer.Write($"\"{Departments[random.Next(Departments.Length)]}\",Electronics,CC{random.Next(1000, 9999)},Woodgrove,Europe,\"Engineer, Senior\",");
            writer.Write($"\"{random.Next(1, 999)} Main St, Apt {random.Next(1, 50)}\",{Cities[random.Next(Cities.Length)]},DE,259-915-{random.Next(1000, 9999)},T1001,,{random.Next(10000, 99999)},emp{id}@contoso.example\n");
        }
    }
}
