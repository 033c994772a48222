package tsa.sync.edfi.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** The descriptor code values the Ed-Fi resources accept, per descriptor (namespace {@code uri://ed-fi.org}). */
@ConfigMapping(prefix = "tsa.edfi.descriptors")
public interface EdFiDescriptors {

    @WithDefault("uri://ed-fi.org")
    String namespace();

    @WithDefault("Infant/toddler,Preschool/Prekindergarten,Kindergarten,First grade,Second grade,Third grade,"
            + "Fourth grade,Fifth grade,Sixth grade,Seventh grade,Eighth grade,Ninth grade,Tenth grade,"
            + "Eleventh grade,Twelfth grade,Postsecondary,Ungraded,Other")
    List<String> gradeLevels();

    @WithDefault("School,Local Education Agency,State Education Agency,Education Service Center")
    List<String> educationOrganizationCategories();

    @WithDefault("Physical,Mailing,Home,Work,Other")
    List<String> addressTypes();

    @WithDefault("TX,AL,AK,AZ,AR,CA,CO,CT,DE,DC,FL,GA,HI,ID,IL,IN,IA,KS,KY,LA,ME,MD,MA,MI,MN,MS,MO,MT,NE,NV,NH,NJ,"
            + "NM,NY,NC,ND,OH,OK,OR,PA,RI,SC,SD,TN,UT,VT,VA,WA,WV,WI,WY")
    List<String> stateAbbreviations();
}
