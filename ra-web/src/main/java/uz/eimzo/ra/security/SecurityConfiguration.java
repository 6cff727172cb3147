package uz.eimzo.ra.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import uz.eimzo.monitoring.health.HealthSurface;
import java.time.Clock;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ra.mtls.ClientCertificateFilter;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.operator.OperatorUser;

/**
 * Who may reach what: operators sign in with password + TOTP and get pages by role; integrators use the
 * JSON API with a bearer token; CA certificates and the health status are public. Probes and the Prometheus scrape
 * are open on the management port, which listens on loopback or inside the cluster only.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String[] OPERATOR_ROLES = {"REGISTRAR", "SUPERVISOR", "AUDITOR", "ADMINISTRATOR"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** CMP messages carry their own protection (MAC or signature), so the path is public and CSRF does not apply. */
    @Bean
    @Order(0)
    SecurityFilterChain cmp(HttpSecurity http) throws Exception {
        http.securityMatcher("/.well-known/cmp", "/.well-known/cmp/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * The public application API (apply online): anyone may apply, rate limited by the handler; JSON without cookies, so
     * there is no cross-site request to forge.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicApplications(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/applications")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    /**
     * Actuator, on the management port (ra.properties): probes, health with details and the Prometheus scrape are open
     * (Kubernetes and Prometheus do not sign in; the port is not reachable from outside); every other endpoint is for
     * administrators. Sessions are read, never created, so scrapes leave no sessions behind.
     */
    @Bean
    @Order(1)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
                        .anyRequest().hasRole("ADMINISTRATOR"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, OperatorDirectory operators, CaServices ca, Clock clock, ApiTokens tokens)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        // Tokens are the centre's administrators' to manage; nothing else reaches their controller.
                        .requestMatchers("/api/tokens", "/api/tokens/**").hasRole("ADMINISTRATOR")
                        .anyRequest().hasAnyRole(OPERATOR_ROLES))
                .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
                // Integrators may also present a client certificate on the HTTPS port instead of a token.
                .addFilterBefore(new ClientCertificateFilter(operators, ca, clock, false),
                        BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens are not sent by browsers on their own, so there is no cross-site request to forge.
                .csrf(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(new ApiTokenFilter.JsonEntryPoint()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, OperatorAuthenticationProvider provider,
                              OperatorDirectory operators,
                              CaServices ca, Clock clock) throws Exception {
        http.addFilterBefore(new ClientCertificateFilter(operators, ca, clock, true),
                        UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/ca/**", "/cps", "/error", "/css/**",
                                "/self-service", "/self-service/**", "/apply", "/apply/**", "/js/self-service-renewal.js", "/js/field-errors.js",
                                "/js/scroll-regions.js", "/js/application-form.js",
                                "/v3/api-docs/**", "/favicon.ico").permitAll()
                        // GOST-UZ keys made in the applicant's browser (self-service renewal, the online application).
                        .requestMatchers("/js/gost-uz.js", "/js/key-file.js", "/js/gost-browser-key.js").permitAll()
                        // The status alone, for load balancers, while actuator has its own port (PublicHealthController).
                        .requestMatchers(HttpMethod.GET, HealthSurface.PUBLIC_HEALTH_PATH).permitAll()
                        .requestMatchers("/enrol").hasAuthority(OperatorAuthenticationProvider.ENROLMENT)
                        .requestMatchers("/audit/**").hasAnyRole("AUDITOR", "ADMINISTRATOR")
                        .requestMatchers("/requests/new").hasRole("REGISTRAR")
                        .requestMatchers(HttpMethod.POST, "/requests", "/requests/*/submit", "/requests/*/scans",
                                "/requests/*/scans/preview", "/requests/*/scans/save",
                                "/requests/*/enrollment-code", "/online-applications/*/confirm").hasRole("REGISTRAR")
                        .requestMatchers("/admin/**").hasRole("ADMINISTRATOR")
                        .requestMatchers(HttpMethod.POST, "/requests/*/approve", "/requests/*/reject").hasRole("SUPERVISOR")
                        .requestMatchers(HttpMethod.POST, "/requests/*/issue").hasAnyRole("REGISTRAR", "SUPERVISOR")
                        .requestMatchers(HttpMethod.POST, "/certificates/**").hasAnyRole("SUPERVISOR", "ADMINISTRATOR")
                        .anyRequest().hasAnyRole(OPERATOR_ROLES))
                .authenticationProvider(provider)
                .formLogin(f -> f.loginPage("/login").authenticationDetailsSource(CodeDetails::new)
                        .successHandler(afterSignIn()).failureHandler(afterFailure()).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    /** A spent one-time code gets its own message (wait for the next code); every other failure the same one. */
    private static AuthenticationFailureHandler afterFailure() {
        return (request, response, exception) -> response.sendRedirect(request.getContextPath()
                + (exception instanceof OperatorAuthenticationProvider.CodeAlreadyUsedException ? "/login?used" : "/login?error"));
    }

    /** Operators still to enrol an authenticator go to the enrolment page; the rest to the request list. */
    private static AuthenticationSuccessHandler afterSignIn() {
        return (request, response, authentication) -> {
            boolean enrolled = authentication.getPrincipal() instanceof OperatorUser u && u.enrolled();
            response.sendRedirect(request.getContextPath() + (enrolled ? "/requests" : "/enrol"));
        };
    }
}
