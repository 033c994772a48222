package tsa.admin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ServiceFoundationTests;

@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class AdminServiceFoundationTest extends ServiceFoundationTests {

    @Override
    protected String service() {
        return "admin-service";
    }

    @Override
    protected String prefix() {
        return "/api/admin";
    }

    @Override
    protected String ownedTable() {
        return "coach-invitationsdev";
    }
}
