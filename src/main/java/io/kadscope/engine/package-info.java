/**
 * The Kademlia engine: a node's ids and distances, routing table, lookups, storage and RPCs, in
 * pure Java. It reaches the network through one {@link io.kadscope.engine.rpc.RpcPort} and time
 * through an injected {@link java.time.Clock} and {@link io.kadscope.engine.Scheduler}, so the same
 * code runs over UDP ({@code io.kadscope.transport}), in the simulator ({@code io.kadscope.sim})
 * and in unit tests on a {@link io.kadscope.engine.VirtualScheduler}.
 *
 * <p>Which class to open for which question:
 *
 * <ul>
 *   <li>How do I make, start and use a node? {@link io.kadscope.engine.KademliaNode}, the one
 *       public facade, and its {@code Builder} (options and defaults in {@code NodeOptions} and
 *       {@link io.kadscope.engine.Defaults}). How are a node's parts built and wired from the
 *       builder's options? {@code NodeAssembly}. How do set and get check the protocol and cache on
 *       the path? {@code ValueOperations}.
 *   <li>What happens when this node sends a request, and how does an answer or a timeout change the
 *       routing table? {@code RpcClient}; which requesters are pinged before the table takes them?
 *       {@code RequesterVerification}.
 *   <li>How is each incoming request answered? {@code RequestServer}.
 *   <li>Where do values go, and how are they handed to newcomers, cached, expired and republished?
 *       {@code Replication}, which also runs the maintenance tick.
 *   <li>How does a node join a network? {@code Join}.
 *   <li>Where does a lookup start and what does it send? {@code Lookups}; the iterative lookup
 *       itself, protocol-neutral, is {@link io.kadscope.engine.lookup.Lookup}, and which contacts
 *       it asks next, pipelined or by rounds, its {@code lookup.Pacing}.
 *   <li>Which contacts are kept, split and evicted? {@link
 *       io.kadscope.engine.routing.RoutingTable}; how it finds the closest contacts: {@code
 *       routing.ClosestWalk}; its buckets in id order and their splits: {@code routing.Buckets}.
 *   <li>How are values held and timed? {@link io.kadscope.engine.store.ValueStore}.
 *   <li>Which RPCs exist, and what answers them? {@link io.kadscope.engine.rpc.RpcKind}; how a port
 *       pairs answers with requests: {@link io.kadscope.engine.rpc.PendingRequests}.
 *   <li>What can a listener watch? {@link io.kadscope.engine.event.EngineEvent}.
 * </ul>
 */
package io.kadscope.engine;
