package uz.eimzo.ocsp.fast;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.ocsp.ResponderProperties;
import uz.eimzo.ocsp.responding.OcspResponder;

import java.time.Clock;

/** The Netty OCSP listener, only when {@code eimzo.ocsp.netty.port} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("eimzo.ocsp.netty.port")
class NettyConfiguration {

    @Bean
    NettyOcspServer nettyOcspServer(NettyProperties properties, OcspResponder responder, ResponderProperties responderProperties,
                                    Clock clock, ObjectProvider<MeterRegistry> registry) {
        return new NettyOcspServer(properties, responder, responderProperties.maxRequestBytes(), clock,
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
