package lab.c10k.service.system;

import lab.c10k.metrics.ServiceMeters;
import org.apache.catalina.core.StandardHost;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link ProblemErrorReportValve} where Tomcat looks for its error report valve: on the host. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReports {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(C10kProperties properties,
			JsonMapper json, ServiceMeters meters) {
		return factory -> factory.addContextCustomizers(context -> {
			StandardHost host = (StandardHost) context.getParent();
			// Naming the class keeps Tomcat from adding its own HTML valve when the host starts.
			host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			host.getPipeline().addValve(new ProblemErrorReportValve(properties.model(), json, meters));
		});
	}

}
