package tsa.coach;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ServiceFoundationTests;

@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class CoachServiceFoundationTest extends ServiceFoundationTests {

    @Override
    protected String service() {
        return "coach-service";
    }

    @Override
    protected String prefix() {
        return "/api/coach";
    }

    @Override
    protected String ownedTable() {
        return "profilesdev";
    }
}
