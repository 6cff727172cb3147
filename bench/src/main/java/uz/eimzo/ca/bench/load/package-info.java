/**
 * The HTTP/1.1 load drivers the benches share: one selector thread for all connections ({@link
 * uz.eimzo.ca.bench.load.NioLoad}, the default) or a blocking thread per connection ({@link
 * uz.eimzo.ca.bench.load.ThreadedLoad}, kept to show what the driver itself costs), both sending a {@link
 * uz.eimzo.ca.bench.load.Workload}'s pre-encoded requests and checking every answer; and where a pass's CPU went.
 * Depends on nothing else in bench.
 */
package uz.eimzo.ca.bench.load;
