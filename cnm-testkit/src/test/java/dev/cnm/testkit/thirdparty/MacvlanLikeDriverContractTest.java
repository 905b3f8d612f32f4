package dev.cnm.testkit.thirdparty;

import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;

/** The third-party driver passes the kit's network driver contract, like the built-in ones. */
class MacvlanLikeDriverContractTest extends NetworkDriverContract {
  @Override
  protected NetworkDriverProvider provider() {
    return new MacvlanLikeDriverProvider();
  }

  @Override
  protected NetworkCreateRequest networkRequest(String networkId) {
    NetworkCreateRequest defaults = super.networkRequest(networkId);
    return NetworkCreateRequest.builder().from(defaults).putOption("parent", "eth0.30").build();
  }
}
