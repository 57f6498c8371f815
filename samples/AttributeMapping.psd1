# A CSV2SCIM AttributeMapping for the columns of the sample HR export (samples/workers.csv). It uses every kind of value:
#   a string        the column of that name (matched without regard to case)
#   a scriptblock   computed with $_ as the row; constants are written { 'work' }
#   a hashtable     a complex attribute (name, manager)
#   an array        a multi-valued attribute (emails, phoneNumbers, addresses)
#   a urn: key      an extension (enterprise, or a custom one of your own)
@{
    externalId   = 'WorkerID'
    userName     = 'UserPrincipalName'
    name         = @{
        familyName = 'LastName'
        givenName  = 'FirstName'
    }
    displayName  = 'FullName'
    nickName     = 'UserID'
    userType     = 'WorkerType'
    title        = 'JobTitle'
    active       = { $_.WorkerStatus -eq 'Active' }
    emails       = @(
        @{
            type    = { 'work' }
            value   = 'UserPrincipalName'
            primary = { $true }
        }
    )
    phoneNumbers = @(
        @{
            type  = { 'work' }
            value = 'OfficePhone'
        }
    )
    addresses    = @(
        @{
            type          = { 'work' }
            streetAddress = 'StreetAddress'
            locality      = 'City'
            postalCode    = 'ZipCode'
            country       = 'CountryCode'
        }
    )
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User' = @{
        employeeNumber = 'WorkerID'
        costCenter     = 'CostCenter'
        organization   = 'Company'
        division       = 'Division'
        department     = 'Department'
        manager        = @{
            value = 'ManagerID'
        }
    }
    'urn:ietf:params:scim:schemas:extension:csv:1.0:User' = @{
        # Entra applies employeeHireDate only when the date has a time part.
        HireDate      = { $_.HireDate + 'T00:00:00Z' }
        GenderPronoun = 'GenderPronoun'
        OnLeave       = { [bool]::Parse($_.OnLeave) }
        Location      = 'Location'
    }
}
