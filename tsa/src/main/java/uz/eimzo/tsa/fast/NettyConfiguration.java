package uz.eimzo.tsa.fast;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.tsa.TsaProperties;
import uz.eimzo.tsa.stamping.StampTimers;
import uz.eimzo.tsa.stamping.TimeStamper;

import java.time.Clock;

/** The Netty time-stamp listener, only when {@code eimzo.tsa.netty.port} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("eimzo.tsa.netty.port")
class NettyConfiguration {

    @Bean
    NettyTsaServer nettyTsaServer(NettyProperties properties, TimeStamper stamper, TsaProperties tsaProperties,
                                  StampTimers timers, Clock clock) {
        return new NettyTsaServer(properties, stamper, tsaProperties.maxRequestBytes(), timers, clock);
    }
}
