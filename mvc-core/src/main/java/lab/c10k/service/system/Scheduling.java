package lab.c10k.service.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work of the service: retrying stock changes that Redis could not take at once. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {

}
